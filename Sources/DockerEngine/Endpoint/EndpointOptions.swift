/// What the command line said about the engine, as the docker CLI's global flags.
public struct EndpointOptions: Sendable, Hashable {
    /// `--context NAME`.
    public var context: String?
    /// `--docker-host`/`-H` (or dockerguard's own `engine` setting, which stands in for it).
    public var host: String?
    /// Where `host` came from, for messages: `--docker-host`, `the engine setting`.
    public var hostSource: String
    /// `--tls`: TLS without checking the engine's certificate (unless `tlsVerify`).
    public var tls: Bool
    /// `--tlsverify`; nil when not given, so that `DOCKER_TLS_VERIFY` decides.
    public var tlsVerify: Bool?
    public var tlsCACert: String?
    public var tlsCert: String?
    public var tlsKey: String?

    public init(
        context: String? = nil, host: String? = nil, hostSource: String = "--docker-host", tls: Bool = false,
        tlsVerify: Bool? = nil, tlsCACert: String? = nil, tlsCert: String? = nil, tlsKey: String? = nil
    ) {
        self.context = context
        self.host = host
        self.hostSource = hostSource
        self.tls = tls
        self.tlsVerify = tlsVerify
        self.tlsCACert = tlsCACert
        self.tlsCert = tlsCert
        self.tlsKey = tlsKey
    }
}
