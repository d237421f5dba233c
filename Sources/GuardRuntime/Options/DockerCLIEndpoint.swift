import DockerEngine

/// How to point the docker CLI at the engine the guard resolved, so `x`'s `docker exec` reaches
/// the same engine by the same way (socket, TLS files, ssh) whatever DOCKER_HOST or a context say.
public struct DockerCLIEndpoint: Sendable, Equatable {
    /// Global flags before the command: `-H URL` and the TLS ones.
    public var arguments: [String]

    /// Variables removed from the CLI's environment: the flags say it all, and a context or
    /// DOCKER_HOST left there could disagree with them (the CLI refuses some pairs).
    public static let clearedEnvironment = [
        "DOCKER_HOST", "DOCKER_CONTEXT", "DOCKER_TLS", "DOCKER_TLS_VERIFY", "DOCKER_CERT_PATH",
    ]

    public init(_ resolved: ResolvedEndpoint) {
        var arguments = ["-H", resolved.endpoint.description]
        if case .tcp = resolved.endpoint, let tls = resolved.tls {
            arguments.append(tls.verifyServer ? "--tlsverify" : "--tls")
            if let ca = tls.caFile { arguments += ["--tlscacert", ca] }
            if let cert = tls.certFile { arguments += ["--tlscert", cert] }
            if let key = tls.keyFile { arguments += ["--tlskey", key] }
        }
        self.arguments = arguments
    }

    /// `docker [flags] exec -it ID sh`, past the executable's own name.
    public func exec(_ id: String) -> [String] {
        arguments + ["exec", "-it", id, "sh"]
    }
}

extension EngineOptions {
    /// The docker CLI's flags for the endpoint in force.
    public func dockerCLI(settings: GuardSettings) throws -> DockerCLIEndpoint {
        DockerCLIEndpoint(try resolve(settings: settings))
    }
}
