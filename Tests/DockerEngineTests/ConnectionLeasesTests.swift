import Synchronization
import TestSupport
import Testing

@testable import DockerEngine

/// Lending a few dear connections (ssh sessions, TLS handshakes): requests share the open ones
/// while more are opened, never more than the limit, and a failure to connect reaches everyone
/// waiting when nothing else will serve them.
@Suite("connection leases: a burst shares the open connections while more open")
struct ConnectionLeasesTests {
    @Test("a burst runs on the one open connection while the others are still opening")
    func burstUsesTheOpenConnection() async throws {
        let dialer = FakeDialer(slowAfter: 1)
        let leases = dialer.leases(limit: 4)
        let first = try await leases.acquire()
        leases.release(first, reusable: true)
        // 20 requests one after another, each asking while the others' openings hang: all of them
        // get connection 1 back (none waits for an opening), and the openings started stay ≤ 3.
        var served: [Int] = []
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<20 {
                let connection = try? await leases.acquire()
                served.append(connection ?? -1)
                group.addTask { if let connection { leases.release(connection, reusable: true) } }
                await group.waitForAll()
            }
        }
        #expect(served == Array(repeating: 1, count: 20))
        #expect(dialer.opened.withLock { $0 } <= 4)
        dialer.openGate()
    }

    @Test("never more than the limit open at once; waiting requests get connections in turn")
    func limit() async throws {
        let dialer = FakeDialer(slowAfter: .max)
        let leases = dialer.leases(limit: 3)
        let held = try await [leases.acquire(), leases.acquire(), leases.acquire()]
        #expect(Set(held).count == 3)
        let waiter = Task { try await leases.acquire() }
        let waiting = await eventually { dialer.opened.withLock { $0 } == 3 }
        #expect(waiting != nil)
        leases.release(held[1], reusable: true)
        #expect(try await waiter.value == held[1])
        #expect(dialer.opened.withLock { $0 } == 3, "the waiter took the one given back, opening nothing")
        // Not reusable: closed, and the next request opens a new one.
        leases.release(held[0], reusable: false)
        #expect(dialer.closed.withLock { $0 } == [held[0]])
        let next = try await leases.acquire()
        #expect(next == 4)
    }

    @Test("at the limit nothing watches the waiting requests: a connection given back serves them")
    func noWatchAtTheLimit() async throws {
        let dialer = FakeDialer(slowAfter: .max)
        let leases = dialer.leases(limit: 2)
        let held = try await [leases.acquire(), leases.acquire()]
        let waiters = (0..<3).map { _ in Task { try await leases.acquire() } }
        #expect(await eventually { leases.waitingCount == 3 } != nil)
        // A watch that went on here would wake every opening's time (0.2 ms on a unix socket)
        // for as long as the held calls last.
        #expect(await eventually { !leases.isWatching } != nil, "still watching at the limit")
        #expect(leases.waitingCount == 3)
        leases.release(held[0], reusable: true)
        leases.release(held[1], reusable: true)
        var served: [Int] = []
        for waiter in waiters.prefix(2) { served.append(try await waiter.value) }
        #expect(Set(served) == Set(held))
        leases.release(served[0], reusable: true)
        #expect(Set(held).contains(try await waiters[2].value))
        #expect(dialer.opened.withLock { $0 } == 2, "nothing opened beyond the limit")
    }

    @Test("a failure to connect reaches every waiting request when no connection is left")
    func failureReachesWaiters() async throws {
        let dialer = FakeDialer(slowAfter: .max, failing: true)
        let leases = dialer.leases(limit: 2)
        let results = await withTaskGroup(of: String.self) { group in
            for _ in 0..<5 {
                group.addTask {
                    do {
                        _ = try await leases.acquire()
                        return "connected"
                    } catch {
                        return "\(error)"
                    }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results == Array(repeating: "refused", count: 5))
        #expect(dialer.opened.withLock { $0 } <= 5)
    }

    @Test(
        "another connection is opened when waiting would cost more than opening",
        arguments: [
            // ssh on loopback: 32 inspects of 1.5 ms on one connection, against a 150 ms session
            (waiting: 32, connections: 1, request: 0.0015, open: 0.15, opens: false),
            // the same over a network with a 30 ms round trip
            (waiting: 32, connections: 1, request: 0.030, open: 0.15, opens: true),
            (waiting: 32, connections: 4, request: 0.030, open: 0.15, opens: true),
            (waiting: 16, connections: 4, request: 0.030, open: 0.15, opens: false),
        ])
    func opensWhenItPays(_ example: (waiting: Int, connections: Int, request: Double, open: Double, opens: Bool)) {
        #expect(
            ConnectionLeases<Int>.opens(
                waiting: example.waiting, connections: example.connections, requestSeconds: example.request,
                openSeconds: example.open) == example.opens)
    }

    @Test("nothing measured yet, or nothing open: a waiting request opens one")
    func opensBeforeMeasuring() {
        #expect(ConnectionLeases<Int>.opens(waiting: 1, connections: 0, requestSeconds: 1, openSeconds: 9))
        #expect(ConnectionLeases<Int>.opens(waiting: 1, connections: 1, requestSeconds: nil, openSeconds: 0.1))
        #expect(ConnectionLeases<Int>.opens(waiting: 1, connections: 1, requestSeconds: 0.1, openSeconds: nil))
    }

    @Test("quick requests queue on the open connection when an opening is slow")
    func quickRequestsShare() async throws {
        let dialer = FakeDialer(slowAfter: .max)
        let leases = dialer.leases(limit: 4)
        // Measured: an opening takes 30 s (up to its first answer), a request 1 ms. (So long that
        // no waiter here waits an opening's time, however loaded the machine.)
        leases.release(try await leases.acquire(), reusable: true, heldFor: 30, first: true)
        leases.release(try await leases.acquire(), reusable: true, heldFor: 0.001)
        let held = try await leases.acquire()
        let waiters = (0..<5).map { _ in
            Task {
                let connection = try await leases.acquire()
                leases.release(connection, reusable: true, heldFor: 0.001)
                return connection
            }
        }
        #expect(await eventually { leases.waitingCount == 5 } != nil)
        leases.release(held, reusable: true, heldFor: 0.001)
        for waiter in waiters { #expect(try await waiter.value == 1) }
        #expect(dialer.opened.withLock { $0 } == 1, "five 1 ms requests never pay for a 30 s opening")
    }

    @Test("a request kept waiting by a slow call gets a new connection once it has waited an opening's time")
    func slowHolderOpensAnother() async throws {
        let dialer = FakeDialer(slowAfter: .max)
        let leases = dialer.leases(limit: 4)
        // Measured: an opening takes 100 ms, a request 1 ms; one waiter would never pay for one.
        leases.release(try await leases.acquire(), reusable: true, heldFor: 0.1, first: true)
        leases.release(try await leases.acquire(), reusable: true, heldFor: 0.001)
        let held = try await leases.acquire()  // a stop waiting its timeout, say: never given back here
        let waiter = Task { try await leases.acquire() }
        #expect(try await waiter.value == 2)
        #expect(dialer.opened.withLock { $0 } == 2)
        leases.release(held, reusable: true)
    }

    @Test("a request cancelled while it waits stops waiting; the connection it waited for is kept")
    func cancelledWaiter() async throws {
        let dialer = FakeDialer(slowAfter: .max)
        let leases = dialer.leases(limit: 1)
        let held = try await leases.acquire()
        let waiter = Task { try await leases.acquire() }
        #expect(await eventually { leases.waitingCount == 1 } != nil)
        waiter.cancel()
        await #expect(throws: CancellationError.self) { try await waiter.value }
        #expect(leases.waitingCount == 0)
        leases.release(held, reusable: true)
        #expect(try await leases.acquire() == held, "kept idle, lent to the next request")
        // Cancelled before it asks: it never waits.
        let early = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await leases.acquire()
        }
        await #expect(throws: CancellationError.self) { try await early.value }
    }

    @Test("a kept connection found ended is left for a fresh one, counted once")
    func fresh() async throws {
        let dialer = FakeDialer(slowAfter: .max)
        let leases = dialer.leases(limit: 1)
        let kept = try await leases.acquire()
        leases.release(kept, reusable: false)
        let fresh = try await leases.openFresh()
        #expect(fresh == 2)
        leases.release(fresh, reusable: true)
        #expect(try await leases.acquire() == 2, "the fresh one is kept and lent like any other")
    }
}

/// Connections numbered 1, 2, …; after `slowAfter` openings, an opening waits for `openGate()`.
private final class FakeDialer: Sendable {
    struct Refused: Error, CustomStringConvertible {
        var description: String { "refused" }
    }

    let opened = Mutex(0)
    let closed = Mutex<[Int]>([])
    let usable = Mutex<Set<Int>>([])
    private let slowAfter: Int
    private let failing: Bool
    private let gate: AsyncStream<Void>
    private let gateOpener: AsyncStream<Void>.Continuation

    init(slowAfter: Int, failing: Bool = false) {
        self.slowAfter = slowAfter
        self.failing = failing
        (gate, gateOpener) = AsyncStream<Void>.makeStream()
    }

    func openGate() { gateOpener.finish() }

    func leases(limit: Int) -> ConnectionLeases<Int> {
        ConnectionLeases(
            limit: limit, open: { try await self.open() }, isUsable: { id in self.usable.withLock { $0.contains(id) } },
            close: { id in
                self.closed.withLock { $0.append(id) }
                self.usable.withLock { _ = $0.remove(id) }
            })
    }

    private func open() async throws -> Int {
        let number = opened.withLock { opened in
            opened += 1
            return opened
        }
        if failing { throw Refused() }
        if number > slowAfter {
            for await _ in gate {}
        }
        usable.withLock { _ = $0.insert(number) }
        return number
    }
}
