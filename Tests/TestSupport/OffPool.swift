import Foundation

/// Runs blocking work (a subprocess, a wait for a process to exit) on a Dispatch thread and awaits
/// it. The cooperative pool has as many threads as cores, two on this machine: a test that blocks
/// one of them stalls every suite running beside it (engine tests then hit their time limits).
public func offPool<Result: Sendable>(_ work: @escaping @Sendable () throws -> Result) async throws -> Result {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Swift.Result { try work() }) }
    }
}

extension Subprocess {
    /// ``run(_:_:)`` from async code: the same, off the cooperative pool.
    public static func run(_ executable: String, _ arguments: [String]) async throws -> Result {
        try await offPool { try run(executable, arguments) }
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
