/// `ssh://[user@]host[:port][/path/to/socket]`, as the docker CLI's connhelper parses it.
public struct SSHDestination: Sendable, Hashable, CustomStringConvertible {
    public var user: String?
    public var host: String
    public var port: Int?
    /// The engine's socket on the remote host (`docker --host=unix://PATH system dial-stdio`).
    public var socketPath: String?

    public init(user: String? = nil, host: String, port: Int? = nil, socketPath: String? = nil) {
        self.user = user
        self.host = host
        self.port = port
        self.socketPath = socketPath
    }

    init(url: String) throws(EngineError) {
        var rest = Substring(url.dropFirst("ssh://".count))
        var path: String?
        if let slash = rest.firstIndex(of: "/") {
            let tail = rest[slash...]
            if tail != "/" { path = String(tail) }
            rest = rest[..<slash]
        }
        if rest.contains("?") || rest.contains("#") {
            throw .invalidEndpoint(url, reason: "an ssh:// URL takes no query or fragment")
        }
        var user: String?
        if let at = rest.lastIndex(of: "@") {
            let name = rest[..<at]
            if name.contains(":") {
                throw .invalidEndpoint(url, reason: "a password in an ssh:// URL is not supported (use ssh keys)")
            }
            guard !name.isEmpty else { throw .invalidEndpoint(url, reason: "empty user name") }
            user = String(name)
            rest = rest[rest.index(after: at)...]
        }
        let (host, port) = try EngineEndpoint.parseHostPort(rest, original: url)
        guard !host.hasPrefix("-") else { throw .invalidEndpoint(url, reason: "a host cannot start with '-'") }
        self.init(user: user, host: host, port: port, socketPath: path)
    }

    /// The arguments after `ssh`, as the docker CLI's connhelper builds them.
    func sshArguments(options: [String]) -> [String] {
        var arguments = options
        if let user { arguments += ["-l", user] }
        if let port { arguments += ["-p", String(port)] }
        arguments += ["-o", "ConnectTimeout=30", "-T", "--", host, "docker"]
        if let socketPath { arguments.append("--host=unix://\(socketPath)") }
        arguments += ["system", "dial-stdio"]
        return arguments
    }

    public var description: String {
        var text = "ssh://"
        if let user { text += user + "@" }
        text += host.contains(":") ? "[\(host)]" : host
        if let port { text += ":\(port)" }
        return text + (socketPath ?? "")
    }
}
