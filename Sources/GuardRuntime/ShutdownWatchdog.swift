import Dispatch
import Glibc
import Logging
import ServiceLifecycle
import Synchronization

/// Makes sure a guard that has begun to stop does stop. Once shutdown begins (a signal's graceful
/// shutdown or a failed service's cancellation reaches a tracked service, or the command's body
/// ends), the process has `limit` to exit; past it the watchdog names the services still running
/// and ends the process with status 70 (EX_SOFTWARE).
///
/// A guard that keeps running after it was told to stop holds the Docker socket and, with a
/// plugin, the engine's authorization path, while its supervisor believes it gone; and a wait that
/// never ends inside one service (an ssh session to a hung engine once) held every guard so. Its
/// timer is a Dispatch timer, not a task: it fires whatever the executors are doing.
public final class ShutdownWatchdog: Sendable {
    public let limit: Duration
    private var limitSeconds: Double { Double(limit.components.seconds) + Double(limit.components.attoseconds) / 1e18 }
    private let onExpiry: @Sendable (_ message: String) -> Void
    private let state = Mutex(State())

    private struct State {
        /// Services running now, by name, with how many of each.
        var running: [String: Int] = [:]
        var armedBy: String?
    }

    /// The status a process the watchdog ends exits with.
    public static let exitStatus: Int32 = 70

    /// - Parameter onExpiry: what is done with the message when the limit passes (a test's own);
    ///   by default it is logged as critical and the process ends.
    public init(
        limit: Duration = .seconds(10), logger: Logger, onExpiry: (@Sendable (_ message: String) -> Void)? = nil
    ) {
        self.limit = limit
        self.onExpiry =
            onExpiry ?? { message in
                logger.critical("\(message)")
                _exit(Self.exitStatus)
            }
    }

    /// Runs each service so that the watchdog knows it runs, and is armed when it is asked to stop.
    public func track(
        _ services: [ServiceGroupConfiguration.ServiceConfiguration]
    ) -> [ServiceGroupConfiguration.ServiceConfiguration] {
        services.map { configuration in
            .init(
                service: TrackedService(base: configuration.service, watchdog: self),
                successTerminationBehavior: configuration.successTerminationBehavior,
                failureTerminationBehavior: configuration.failureTerminationBehavior)
        }
    }

    /// Starts the countdown (once; later calls do nothing). `reason` is said if it expires.
    public func arm(_ reason: String) {
        let first = state.withLock { state in
            guard state.armedBy == nil else { return false }
            state.armedBy = reason
            return true
        }
        guard first else { return }
        DispatchQueue.global().asyncAfter(deadline: .now() + limitSeconds) { self.expire() }
    }

    /// The services running now, sorted by name.
    public var running: [String] {
        state.withLock { state in state.running.keys.sorted() }
    }

    func started(_ name: String) {
        state.withLock { $0.running[name, default: 0] += 1 }
    }

    func finished(_ name: String) {
        state.withLock { state in
            let left = (state.running[name] ?? 1) - 1
            state.running[name] = left > 0 ? left : nil
        }
    }

    private func expire() {
        let (running, reason) = state.withLock { ($0.running.keys.sorted(), $0.armedBy ?? "") }
        let what =
            running.isEmpty
            ? "every service has ended, but the process has not"
            : "still running: \(running.joined(separator: ", "))"
        let bound = limitSeconds >= 1 ? "\(Int(limitSeconds)) s" : "\(Int(limitSeconds * 1000)) ms"
        onExpiry("stopping (\(reason)) took longer than \(bound); \(what); exiting")
    }
}

/// A service the watchdog follows: its name is listed while it runs, and a graceful shutdown or a
/// cancellation that reaches it arms the watchdog.
struct TrackedService: Service, CustomStringConvertible {
    let base: any Service
    let watchdog: ShutdownWatchdog

    /// The service's type, e.g. `PinnedService<EngineSync>`.
    var description: String { String(describing: type(of: base)) }

    func run() async throws {
        let name = description
        watchdog.started(name)
        defer { watchdog.finished(name) }
        try await withTaskCancellationHandler {
            try await withGracefulShutdownHandler {
                try await base.run()
            } onGracefulShutdown: {
                watchdog.arm("graceful shutdown")
            }
        } onCancel: {
            watchdog.arm("cancelled (another service ended)")
        }
    }
}
