import Foundation

/// Runs blocking work (a subprocess, a wait for a process to exit) on a thread of its own and awaits
/// it. The cooperative pool has as many threads as cores, two on this machine: a test that blocks
/// one of them stalls every suite running beside it (engine tests then hit their time limits).
/// Not on a Dispatch queue: on Linux, Dispatch's global queues and the cooperative pool share their
/// threads, so blocking work there stalls the pool just the same (measured: a task waited 2.9 s
/// behind four blocked `DispatchQueue.global()` items, 0.1 s behind four blocked threads).
public func offPool<Result: Sendable>(_ work: @escaping @Sendable () throws -> Result) async throws -> Result {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread { continuation.resume(with: Swift.Result { try work() }) }
    }
}

/// Cleanup that blocks (an engine's stop, a `docker rm -f`, a process's exit) from a `defer` in async
/// code, where nothing can be awaited: it runs on a thread of its own (see ``offPool(_:)``), and the
/// test process waits for all of it (up to two minutes) before it exits.
public enum BackgroundCleanup {
    private static let pending = DispatchGroup()
    private static let waitsAtExit: Void = {
        atexit { _ = BackgroundCleanup.pending.wait(timeout: .now() + 120) }
    }()

    public static func run(_ work: @escaping @Sendable () -> Void) {
        _ = waitsAtExit
        pending.enter()
        Thread.detachNewThread {
            work()
            pending.leave()
        }
    }
}

extension Subprocess {
    /// ``run(_:_:)`` from async code: the same, off the cooperative pool.
    public static func run(_ executable: String, _ arguments: [String], timeout: Duration = .seconds(120))
        async throws -> Result
    {
        try await offPool { try run(executable, arguments, timeout: timeout) }
    }
}

extension TestEngine {
    /// ``docker(_:host:)`` from async code, off the cooperative pool.
    public static func docker(_ arguments: String..., host: String? = TestEngine.host) async throws -> String {
        try await docker(arguments, host: host)
    }

    public static func docker(_ arguments: [String], host: String? = TestEngine.host) async throws -> String {
        try await offPool { try docker(arguments, host: host) }
    }

    /// ``dockerPrivate(_:)`` from async code, off the cooperative pool.
    public static func dockerPrivate(_ arguments: String...) async throws -> String {
        let arguments = arguments
        return try await offPool { try dockerPrivate(arguments) }
    }
}
