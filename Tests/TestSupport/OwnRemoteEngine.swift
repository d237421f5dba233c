import Foundation

/// An engine of a test's own reached over TLS or ssh, for tests that let a guard act on every
/// container or restart the engine behind the link: the engine listens with `--tlsverify` on a
/// loopback port of its own (scripts/test's certificates), and an sshd of its own runs
/// `docker system dial-stdio` on it (scripts/endpoints ssh-start). Stop it with `stop()`.
public struct OwnRemoteEngine: Sendable {
    public let engine: OwnEngine
    /// `tcp://127.0.0.1:PORT`, with `RemoteEndpoints.tlsArguments()`.
    public let tlsHost: String
    /// `ssh://root@127.0.0.1:PORT`.
    public let sshHost: String
    /// The sshd's folder; its `bin/ssh` is ssh with this sshd's key and known_hosts.
    public let sshDirectory: String

    @available(*, noasync, message: "starts an engine and an sshd: use OwnRemoteEngine.start()")
    public init() throws {
        guard let certs = RemoteEndpoints.certs else { throw TestFailure("no test certificates (scripts/test)") }
        let tlsAddress = "127.0.0.1:\(try Self.freePort())"
        engine = try OwnEngine(settings: ["DOCKER_PRIVATE_TLS=\(tlsAddress)", "DOCKER_PRIVATE_TLS_CERTS=\(certs)"])
        tlsHost = "tcp://" + tlsAddress
        sshDirectory = engine.directory + "/ssh"
        do {
            let port = try TestEngine.script(
                "endpoints", ["ssh-start", sshDirectory, engine.directory + "/docker.sock"])
            sshHost = "ssh://root@127.0.0.1:\(port)"
        } catch {
            engine.stop()
            throw error
        }
    }

    /// Starts one off the cooperative pool: an engine's and an sshd's start take seconds.
    public static func start() async throws -> OwnRemoteEngine {
        try await offPool { try OwnRemoteEngine() }
    }

    /// What a guard's environment needs to reach `sshHost`: this sshd's ssh first in `PATH`.
    public var sshEnvironment: [String: String] {
        let path = TestEngine.environment["PATH"] ?? "/usr/bin:/bin"
        return ["PATH": "\(sshDirectory)/bin:\(path)"]
    }

    /// Stops the sshd and the engine in the background (``BackgroundCleanup``), for a `defer`.
    public func stop() {
        let sshDirectory = sshDirectory
        let engine = engine
        BackgroundCleanup.run {
            _ = try? TestEngine.script("endpoints", ["ssh-stop", sshDirectory])
            engine.stop()
        }
    }

    static func freePort() throws -> Int {
        let printed = try TestEngine.script("endpoints", ["free-port"])
        guard let port = Int(printed) else { throw TestFailure("no free port: \(printed)") }
        return port
    }
}
