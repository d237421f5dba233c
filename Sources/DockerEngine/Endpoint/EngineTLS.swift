/// TLS for a `tcp://` endpoint: the files, and whether the engine's certificate is checked.
public struct EngineTLS: Sendable, Hashable {
    /// The CA the engine's certificate must chain to (nil: the system's roots).
    public var caFile: String?
    /// The client certificate and its key (nil: none offered).
    public var certFile: String?
    public var keyFile: String?
    /// False for `--tls` without `--tlsverify`, or a context with `SkipTLSVerify`.
    public var verifyServer: Bool

    public init(caFile: String? = nil, certFile: String? = nil, keyFile: String? = nil, verifyServer: Bool = true) {
        self.caFile = caFile
        self.certFile = certFile
        self.keyFile = keyFile
        self.verifyServer = verifyServer
    }

    public var summary: String {
        var parts = [verifyServer ? "verify the engine against \(caFile ?? "the system's CAs")" : "no server check"]
        if let certFile {
            parts.append("client certificate \(certFile)")
        } else {
            parts.append("no client certificate")
        }
        return parts.joined(separator: ", ")
    }
}
