/// Where the HTTP API listens: `HOST:PORT`, `[IPv6]:PORT`, or `:PORT` for every interface.
public struct ListenAddress: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: Int

    /// Loopback only: the API reveals what runs on the host, so exposing it is an explicit choice.
    public static let `default` = ListenAddress(host: "127.0.0.1", port: 8080)

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    public init?(_ text: String) {
        var hostPart: Substring
        var portPart: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            hostPart = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":"), !hostPart.isEmpty else { return nil }
            portPart = rest.dropFirst()
        } else {
            guard let colon = text.lastIndex(of: ":") else { return nil }
            hostPart = text[..<colon]
            portPart = text[text.index(after: colon)...]
            if hostPart.contains(":") { return nil }  // an IPv6 address needs brackets
        }
        if hostPart.isEmpty { hostPart = "0.0.0.0" }
        guard !hostPart.contains(where: { $0.isWhitespace || $0 == "/" }),
            portPart.allSatisfy(\.isASCII), let port = Int(portPart), (0...65535).contains(port)
        else { return nil }
        self.init(host: String(hostPart), port: port)
    }

    public var description: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}
