// The in-process scale benchmark (issue 16): no engine, no sockets. It fills the store with N
// synthetic containers, then feeds it synthetic `die`/`start` events one at a time and measures,
// per event, the time and the allocations of each consumer's work: the store's apply (and its new
// snapshot), the enforcer judging the snapshot, the watch stream's event, `/containers`' body and
// the dashboard's rows. The growth of each per-event figure with N is what it is for.
//
//   swift build -c release --product dockerguard-bench-scale
//   .build/release/dockerguard-bench-scale [N ...] [--events K]      (default: 1000 10000 100000)
//   .build/release/dockerguard-bench-scale --watch-serve N CLIENTS RATE SECONDS   (WatchServe.swift)
import CMallocCounter
import DockerEngine
import Foundation
import GuardCore
import GuardTUI
import Logging
import NIOCore
import NIOPosix
import StatusServer

struct Figure {
    var seconds: Double = 0
    var allocations: UInt = 0

    mutating func measure<T>(_ work: () throws -> T) rethrows -> T {
        let clock = ContinuousClock()
        let allocationsBefore = dg_malloc_count()
        let start = clock.now
        let result = try work()
        let elapsed = clock.now - start
        allocations += dg_malloc_count() - allocationsBefore
        seconds += Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return result
    }

    mutating func measureAsync<T>(_ work: () async throws -> T) async rethrows -> T {
        let clock = ContinuousClock()
        let allocationsBefore = dg_malloc_count()
        let start = clock.now
        let result = try await work()
        let elapsed = clock.now - start
        allocations += dg_malloc_count() - allocationsBefore
        seconds += Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return result
    }
}

/// An engine the enforcer never needs: audit mode acts on nothing, and no rule names an image ID.
struct NoEngine: EnforcerEngine {
    struct Unused: Error {}
    func stopContainer(_ id: String, timeout: Int?) async throws(EngineError) {}
    func killContainer(_ id: String, signal: String?) async throws(EngineError) {}
    func removeContainer(_ id: String, force: Bool, removeVolumes: Bool) async throws(EngineError) {}
    func startContainer(_ id: String) async throws(EngineError) {}
    func inspectImage(_ id: String) async throws(EngineError) -> ImageDetails {
        throw EngineError.notFound(message: "no engine in the benchmark")
    }
}

func hex(_ value: Int, width: Int) -> String {
    let text = String(value, radix: 16)
    return String(repeating: "0", count: max(0, width - text.count)) + text
}

func record(_ index: Int, startedAt: String) -> ContainerRecord {
    ContainerRecord(
        id: hex(index, width: 64), name: "/svc-\(index)", imageRef: "busybox:local",
        imageID: "sha256:" + hex(index % 17, width: 64), state: "running", createdAt: "2026-12-02T04:00:00Z",
        startedAt: startedAt, labels: ["team": "t\(index % 10)", "tier": index % 3 == 0 ? "front" : "back"],
        command: ["sleep", "3600"], restartPolicy: "no")
}

struct Row {
    var n: Int
    var events: Int
    var figures: [(String, Figure)]
}

func run(n: Int, events: Int) async throws -> Row {
    let base: Int64 = 1_795_000_000 * 1_000_000_000
    let startedAt = EngineTimestamp.format(nanos: base)
    let store = ContainerStore(endpoint: "unix:///bench.sock")
    var sync = Figure()
    await sync.measureAsync { await store.replaceAll(with: (0..<n).map { record($0, startedAt: startedAt) }, at: 0) }
    await store.setConnection(.connected)
    let list = try AllowList.parse("name=svc-*1\nname=svc-*3 image=busybox:*\nlabel=tier=front\n", path: "bench").get()
    let policy = PolicyState(path: "bench", allowList: list)
    policy.apply(list, at: 0)
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dg-bench-\(getpid())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    var logger = Logger(label: "bench")
    logger.logLevel = .critical
    let enforcer = Enforcer(
        client: NoEngine(), store: store, policy: policy,
        audit: AuditLog(path: directory.appendingPathComponent("audit.jsonl").path, logger: logger),
        aliases: ImageAliases(), settings: .init(mode: .audit, action: .stop, stopTimeout: 1),
        selfProbe: SelfProbe(rootUpperDir: nil, hints: []), logger: logger)
    let enforcing = Task { await enforcer.run() }
    defer { enforcing.cancel() }
    // The first judging of all N (the resync's), then the events one at a time.
    var firstJudge = Figure()
    await firstJudge.measureAsync {
        while await enforcer.evaluatedSnapshotVersion < store.current.version { await Task.yield() }
    }
    var api = APIWorkload()
    _ = api.watchEvent(store.current, policy: policy.current)
    let rows = RowBuilder()
    var apply = Figure()
    var judge = Figure()
    var watch = Figure()
    var body = Figure()
    var screen = Figure()
    for event in 0..<events {
        let index = (event / 2 &* 7919) % n
        let time = base + Int64(event + 1) * 1_000_000
        let verb = event % 2 == 0 ? "die" : "start"
        let engineEvent = EngineEvent(
            type: "container", action: verb,
            actor: .init(id: hex(index, width: 64), attributes: ["exitCode": "0", "name": "svc-\(index)"]),
            timeNano: time)
        let effect = await apply.measureAsync { await store.apply(engineEvent) }
        precondition(effect == .changed, "event \(event) changed nothing")
        let snapshot = store.current
        await judge.measureAsync {
            while await enforcer.evaluatedSnapshotVersion < snapshot.version { await Task.yield() }
        }
        watch.measure { _ = api.watchEvent(snapshot, policy: policy.current) }
        body.measure { _ = api.containersBody(snapshot, policy: policy.current) }
        screen.measure {
            let data = DashboardData(
                snapshot: snapshot, policy: policy.current, enforcer: enforcer.status.value,
                api: .disabled, now: 1_795_000_100)
            _ = rows.rows(data)
        }
    }
    return Row(
        n: n, events: events,
        figures: [
            ("first list (replaceAll)", sync), ("first judging (all N)", firstJudge), ("store apply", apply),
            ("enforcer judging", judge), ("watch event", watch), ("/containers body", body),
            ("dashboard rows", screen),
        ])
}

var sizes: [Int] = []
var eventsOverride: Int?
var arguments = CommandLine.arguments.dropFirst()
if arguments.first == "--watch-serve" {
    // CLIENTS may be 0: the same changes with nobody watching, the fan-out's baseline.
    let numbers = arguments.dropFirst().compactMap { Int($0) }
    guard numbers.count == 4, arguments.count == 5, numbers.allSatisfy({ $0 >= 0 }), numbers[0] > 0,
        numbers[2] > 0, numbers[3] > 0
    else {
        print("usage: dockerguard-bench-scale --watch-serve N CLIENTS RATE SECONDS")
        exit(2)
    }
    // Swift concurrency on NIO's event loops, as dockerguard and the dashboard run it
    // (CommandLineEntry): the hub then writes from one of the loops that own the connections.
    NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
    try await serveWatch(n: numbers[0], clients: numbers[1], rate: numbers[2], seconds: numbers[3])
    exit(0)
}
while let argument = arguments.popFirst() {
    if argument == "--events", let value = arguments.popFirst().flatMap({ Int($0) }) {
        eventsOverride = value
    } else if let n = Int(argument) {
        sizes.append(n)
    } else {
        print("usage: dockerguard-bench-scale [N ...] [--events K]")
        exit(2)
    }
}
if sizes.isEmpty { sizes = [1000, 10000, 100_000] }

print("| N | events | step | per event µs | allocations per event |")
print("|---:|---:|---|---:|---:|")
for n in sizes {
    let events = eventsOverride ?? max(20, min(400, 4_000_000 / n))
    let row = try await run(n: n, events: events)
    for (name, figure) in row.figures {
        let once = name.hasPrefix("first")
        let divisor = once ? 1 : Double(row.events)
        let micros = figure.seconds * 1e6 / divisor
        let allocations = Double(figure.allocations) / divisor
        let count = once ? "once" : String(row.events)
        let figures = "\(String(format: "%.1f", micros)) | \(String(format: "%.1f", allocations))"
        print("| \(n) | \(count) | \(name) | \(figures) |")
    }
}
