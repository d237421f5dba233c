import GuardRuntime
import Logging
import ServiceLifecycle
import Synchronization
import Testing

@Suite("Shutdown watchdog: a guard told to stop does stop", .timeLimit(.minutes(1)))
struct ShutdownWatchdogTests {
    /// Ignores cancellation and graceful shutdown until the test opens its gate: what once held a
    /// guard's engine link (a wait for an ssh session that never ended).
    struct StuckService: Service {
        let gate: Gate
        func run() async throws { await gate.wait() }
    }

    /// Throws once the stuck service runs, as a status server does on a port in use.
    struct FailingService: Service {
        let watchdog: ShutdownWatchdog
        func run() async throws {
            while !watchdog.running.contains("StuckService") { try await Task.sleep(for: .milliseconds(5)) }
            throw Failure()
        }
    }

    struct Failure: Error {}

    /// Follows graceful shutdown, as every guard service does.
    struct PoliteService: Service {
        func run() async throws {
            try? await gracefulShutdown()
        }
    }

    @Test("a service that ignores its cancellation is named, with the cause, once the limit passes")
    func namesTheStuckService() async throws {
        let (expiries, expired) = AsyncStream<String>.makeStream()
        let watchdog = ShutdownWatchdog(
            limit: .milliseconds(100), logger: Logger(label: "test"), onExpiry: { expired.yield($0) })
        let gate = Gate()
        let group = ServiceGroup(
            configuration: .init(
                services: watchdog.track([
                    .init(service: StuckService(gate: gate)), .init(service: FailingService(watchdog: watchdog)),
                ]), logger: Logger(label: "test")))
        let running = Task { try await group.run() }

        var messages = expiries.makeAsyncIterator()
        let message = await messages.next() ?? ""
        #expect(message.contains("took longer than 100 ms; still running: StuckService"), "\(message)")
        #expect(message.contains("cancelled"), "\(message)")
        #expect(!message.contains("FailingService"), "the failed service had ended: \(message)")

        gate.open()
        await #expect(throws: Failure.self) { try await running.value }
        #expect(watchdog.running.isEmpty)
    }

    @Test("services are listed while they run; a graceful shutdown ends them and empties the list")
    func listsWhatRuns() async throws {
        let watchdog = ShutdownWatchdog(limit: .seconds(30), logger: Logger(label: "test"), onExpiry: { _ in })
        let group = ServiceGroup(
            configuration: .init(
                services: watchdog.track([.init(service: PoliteService()), .init(service: PoliteService())]),
                logger: Logger(label: "test")))
        let running = Task { try await group.run() }
        while watchdog.running != ["PoliteService"] { try await Task.sleep(for: .milliseconds(5)) }
        await group.triggerGracefulShutdown()
        try await running.value
        #expect(watchdog.running.isEmpty)
    }
}

/// Opened once; a wait before or after the opening both end.
final class Gate: Sendable {
    private let state = Mutex<(open: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    func wait() async {
        await withCheckedContinuation { continuation in
            let isOpen = state.withLock { state in
                if !state.open { state.waiters.append(continuation) }
                return state.open
            }
            if isOpen { continuation.resume() }
        }
    }

    func open() {
        let waiters = state.withLock { state in
            state.open = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}
