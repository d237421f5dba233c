import Foundation

/// Where the Docker engine listens, parsed from a `DOCKER_HOST`-style URL.
public enum EngineEndpoint: Sendable, Hashable, CustomStringConvertible {
    case unix(path: String)
    case tcp(host: String, port: Int)
    /// `ssh://[user@]host[:port][/socket]`: the system `ssh` running `docker system dial-stdio` there.
    case ssh(SSHDestination)

    public static let defaultUnixSocket = EngineEndpoint.unix(path: "/var/run/docker.sock")

    /// Parses a `DOCKER_HOST` value: `unix:///path`, `tcp://host:port` (port 2375 when omitted, 2376
    /// with TLS, as the docker CLI), `http://` as a synonym of `tcp://`, `ssh://[user@]host[:port][/path]`.
    /// An empty or absent value means the default socket.
    public init(dockerHost: String?, tls: Bool = false) throws(EngineError) {
        guard let value = dockerHost?.trimmingCharacters(in: .whitespaces), !value.isEmpty else {
            self = .defaultUnixSocket
            return
        }
        if value.hasPrefix("unix://") {
            let path = String(value.dropFirst("unix://".count))
            guard path.hasPrefix("/") else {
                throw .invalidEndpoint(
                    value, reason: "a unix socket path must be absolute (unix:///var/run/docker.sock)")
            }
            self = .unix(path: path)
            return
        }
        for scheme in ["tcp://", "http://"] where value.hasPrefix(scheme) {
            var authority = Substring(value.dropFirst(scheme.count))
            if let slash = authority.firstIndex(of: "/") { authority = authority[..<slash] }
            self = try Self.parseAuthority(authority, defaultPort: tls ? 2376 : 2375, original: value)
            return
        }
        if value.hasPrefix("ssh://") {
            self = .ssh(try SSHDestination(url: value))
            return
        }
        if value.hasPrefix("https://") {
            throw .invalidEndpoint(value, reason: "use tcp://host:2376 with --tlsverify (or DOCKER_TLS_VERIFY=1)")
        }
        if value.hasPrefix("npipe://") || value.hasPrefix("fd://") {
            throw .invalidEndpoint(value, reason: "only unix://, tcp:// and ssh:// endpoints are supported")
        }
        throw .invalidEndpoint(
            value, reason: "expected unix:///path/to/docker.sock, tcp://host:port or ssh://user@host")
    }

    static func parseAuthority(_ authority: Substring, defaultPort: Int, original: String) throws(EngineError)
        -> EngineEndpoint
    {
        let (host, port) = try parseHostPort(authority, original: original)
        return .tcp(host: host, port: port ?? defaultPort)
    }

    /// `host`, `host:port`, `[v6]`, `[v6]:port`.
    static func parseHostPort(_ authority: Substring, original: String) throws(EngineError) -> (String, Int?) {
        guard !authority.isEmpty else { throw .invalidEndpoint(original, reason: "missing host") }
        func port(_ text: Substring) throws(EngineError) -> Int {
            guard let port = Int(text), (1...65535).contains(port) else {
                throw .invalidEndpoint(original, reason: "invalid port")
            }
            return port
        }
        // IPv6 literal: [::1]:2375
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            let host = String(authority[authority.index(after: authority.startIndex)..<close])
            let rest = authority[authority.index(after: close)...]
            if rest.isEmpty { return (host, nil) }
            guard rest.hasPrefix(":") else { throw .invalidEndpoint(original, reason: "invalid port") }
            return (host, try port(rest.dropFirst()))
        }
        let parts = authority.split(separator: ":", omittingEmptySubsequences: false)
        switch parts.count {
        case 1:
            return (String(parts[0]), nil)
        case 2:
            guard !parts[0].isEmpty else { throw .invalidEndpoint(original, reason: "missing host") }
            return (String(parts[0]), try port(parts[1]))
        default:
            throw .invalidEndpoint(original, reason: "put an IPv6 address in brackets: tcp://[::1]:2375")
        }
    }

    /// The `Host` header value. The engine rejects requests without one, even over a unix socket.
    var hostHeader: String {
        switch self {
        case .unix, .ssh: "docker"
        case .tcp(let host, let port): host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        }
    }

    public var description: String {
        switch self {
        case .unix(let path): "unix://\(path)"
        case .tcp(let host, let port): "tcp://\(host.contains(":") ? "[\(host)]" : host):\(port)"
        case .ssh(let destination): destination.description
        }
    }
}
