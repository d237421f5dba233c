// `--watch-serve N CLIENTS RATE SECONDS`: the watch stream's fan-out without an engine. The status
// API serves a store of N synthetic containers on a free loopback port (printed as `port P` on
// stdout); once CLIENTS clients (possibly none) follow `/containers?watch=true` and a line (`go`) comes on
// stdin, one container a tick is stopped
// and started again, RATE changes a second for SECONDS, then the process ends (and so do the
// streams). Each change event carries `stored_at`, so the clients (scripts/scale-measure.py
// watch-serve) read how long after the store had a change it reached them, and this process's
// CPU is the fan-out's cost. The API's threads run at nice 5, as in `dockerguard run`.
import DockerEngine
import Foundation
import GuardCore
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import StatusServer

func serveWatch(n: Int, clients: Int, rate: Int, seconds: Int) async throws {
    let base: Int64 = 1_795_000_000 * 1_000_000_000
    let store = ContainerStore(endpoint: "unix:///bench.sock")
    await store.replaceAll(with: (0..<n).map { record($0, startedAt: EngineTimestamp.format(nanos: base)) }, at: 0)
    await store.setConnection(.connected)
    let list = try AllowList.parse("name=svc-*1\nname=svc-*3 image=busybox:*\nlabel=tier=front\n", path: "bench").get()
    let policy = PolicyState(path: "bench", allowList: list)
    policy.apply(list, at: 0)
    for loop in MultiThreadedEventLoopGroup.singleton.makeIterator() {
        loop.execute { _ = ThreadPriority.setCurrentThread(nice: 5) }
    }
    var logger = Logger(label: "bench")
    logger.logLevel = .critical
    let bound = AsyncStream<ListenAddress>.makeStream()
    let server = StatusAPIServer(
        store: store, policy: policy, listen: ListenAddress(host: "127.0.0.1", port: 0), version: "bench",
        logger: logger, onListening: { bound.continuation.yield($0) })
    let group = ServiceGroup(services: [server.application()], logger: logger)
    try await withThrowingTaskGroup(of: Void.self) { tasks in
        tasks.addTask { try await group.run() }
        var addresses = bound.stream.makeAsyncIterator()
        guard let address = await addresses.next() else { return }
        FileHandle.standardOutput.write(Data("port \(address.port)\n".utf8))  // unbuffered: the measurer waits for it
        while server.watch.clients < clients { try await Task.sleep(for: .milliseconds(5)) }
        // The measurer says `go` once every client has read its sync, so that no change waits
        // behind N containers' worth of syncs in a socket.
        await waitForGo()
        let interval = Duration.seconds(1) / rate
        let clock = ContinuousClock()
        var next = clock.now
        for change in 0..<(rate * seconds) {
            // Every other change starts what the one before stopped: a client sees it running again.
            let index = (change / 2 &* 7919) % n
            let event = EngineEvent(
                type: "container", action: change % 2 == 0 ? "die" : "start",
                actor: .init(id: hex(index, width: 64), attributes: ["exitCode": "0", "name": "svc-\(index)"]),
                timeNano: base + Int64(change + 1) * 1_000_000)
            _ = await store.apply(event)
            next = next.advanced(by: interval)
            try await Task.sleep(until: next, clock: clock)
        }
        try await Task.sleep(for: .milliseconds(200))  // the last change's delivery
        await group.triggerGracefulShutdown()
        try await tasks.waitForAll()
    }
}

/// Returns once a line (or the end) is read from standard input, read on a thread of its own: a
/// blocking read must not hold one of the cooperative pool's threads.
func waitForGo() async {
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
        Thread {
            _ = readLine()
            continuation.resume()
        }.start()
    }
}
