/// The engine to talk to, how, and why this one: the outcome of ``EndpointResolver``.
public struct ResolvedEndpoint: Sendable, Hashable, CustomStringConvertible {
    /// Which rule of the docker CLI's order chose the endpoint.
    public enum Source: Sendable, Hashable {
        case contextFlag(String)
        /// `--docker-host`, or dockerguard's engine setting (the text says which).
        case hostFlag(String)
        case environmentHost
        case environmentContext(String)
        case currentContext(String, configFile: String)
        /// No Docker socket, but Podman's.
        case podmanSocket
        case defaultSocket
    }

    public var endpoint: EngineEndpoint
    public var tls: EngineTLS?
    public var source: Source
    /// One line per rule looked at, in order: what was found and what it meant.
    public var reasons: [String]

    public init(endpoint: EngineEndpoint, tls: EngineTLS? = nil, source: Source, reasons: [String] = []) {
        self.endpoint = endpoint
        self.tls = tls
        self.source = source
        self.reasons = reasons
    }

    /// The winning rule in words: `--context prod`, `DOCKER_HOST`, `the default socket`.
    public var sourceDescription: String {
        switch source {
        case .contextFlag(let name): "--context \(name)"
        case .hostFlag(let flag): flag
        case .environmentHost: "DOCKER_HOST"
        case .environmentContext(let name): "DOCKER_CONTEXT=\(name)"
        case .currentContext(let name, let file): "currentContext \(name) in \(file)"
        case .podmanSocket: "Podman's socket (no Docker socket)"
        case .defaultSocket: "the default socket"
        }
    }

    public var description: String {
        let scheme = tls == nil ? endpoint.description : endpoint.description + " (TLS)"
        return "\(scheme) from \(sourceDescription)"
    }
}
