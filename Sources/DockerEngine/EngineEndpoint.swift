import Foundation

/// Where the Docker engine listens, parsed from `DOCKER_HOST`.
public enum EngineEndpoint: Sendable, Hashable, CustomStringConvertible {
    case unix(path: String)
    case tcp(host: String, port: Int)

    public static let defaultUnixSocket = EngineEndpoint.unix(path: "/var/run/docker.sock")

    /// Parses a `DOCKER_HOST` value: `unix:///path`, `tcp://host:port` (port 2375 when omitted),
    /// `http://` as a synonym of `tcp://`. An empty or absent value means the default socket.
    public init(dockerHost: String?) throws(EngineError) {
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
            self = try Self.parseAuthority(authority, original: value)
            return
        }
        if value.hasPrefix("https://") || value.hasPrefix("ssh://") || value.hasPrefix("npipe://") {
            throw .invalidEndpoint(value, reason: "only unix:// and tcp:// (plain HTTP) endpoints are supported")
        }
        throw .invalidEndpoint(value, reason: "expected unix:///path/to/docker.sock or tcp://host:port")
    }

    private static func parseAuthority(_ authority: Substring, original: String) throws(EngineError) -> EngineEndpoint {
        guard !authority.isEmpty else { throw .invalidEndpoint(original, reason: "missing host") }
        // IPv6 literal: [::1]:2375
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            let host = String(authority[authority.index(after: authority.startIndex)..<close])
            let rest = authority[authority.index(after: close)...]
            if rest.isEmpty { return .tcp(host: host, port: 2375) }
            guard rest.hasPrefix(":"), let port = Int(rest.dropFirst()), (1...65535).contains(port) else {
                throw .invalidEndpoint(original, reason: "invalid port")
            }
            return .tcp(host: host, port: port)
        }
        let parts = authority.split(separator: ":", omittingEmptySubsequences: false)
        switch parts.count {
        case 1:
            return .tcp(host: String(parts[0]), port: 2375)
        case 2:
            guard !parts[0].isEmpty, let port = Int(parts[1]), (1...65535).contains(port) else {
                throw .invalidEndpoint(original, reason: "invalid port")
            }
            return .tcp(host: String(parts[0]), port: port)
        default:
            throw .invalidEndpoint(original, reason: "put an IPv6 address in brackets: tcp://[::1]:2375")
        }
    }

    /// The `Host` header value. The engine rejects requests without one, even over a unix socket.
    var hostHeader: String {
        switch self {
        case .unix: "docker"
        case .tcp(let host, let port): host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        }
    }

    public var description: String {
        switch self {
        case .unix(let path): "unix://\(path)"
        case .tcp(let host, let port): "tcp://\(host.contains(":") ? "[\(host)]" : host):\(port)"
        }
    }
}
