import Foundation

/// Finds the engine as the docker CLI does (`cli/command/cli.go`, `resolveContextName` and the
/// default context): `--context` > `--docker-host` > `DOCKER_HOST` > `DOCKER_CONTEXT` >
/// `currentContext` in `$DOCKER_CONFIG/config.json` > the default socket; then Podman's socket when
/// there is no Docker socket. Giving both `--context` and `--docker-host` is an error, as in the CLI.
public struct EndpointResolver: Sendable {
    public var environment: [String: String]
    public var homeDirectory: String
    /// Whether a socket exists (replaced in tests; the default socket is a fixed path).
    public var exists: @Sendable (String) -> Bool

    public static let podmanRootfulSocket = "/run/podman/podman.sock"

    public init(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        homeDirectory: String = NSHomeDirectory(),
        exists: @escaping @Sendable (String) -> Bool = { FileManager.default.fileExists(atPath: $0) }
    ) {
        self.environment = environment
        self.homeDirectory = homeDirectory
        self.exists = exists
    }

    /// `$DOCKER_CONFIG`, else `~/.docker`.
    public var configDirectory: String {
        nonEmpty(environment["DOCKER_CONFIG"]) ?? homeDirectory + "/.docker"
    }

    public var contexts: DockerContextStore { DockerContextStore(configDirectory: configDirectory) }

    public func resolve(_ options: EndpointOptions = EndpointOptions()) throws(EngineError) -> ResolvedEndpoint {
        if let name = nonEmpty(options.context), nonEmpty(options.host) != nil {
            throw .invalidEndpoint(
                "--context \(name)",
                reason: "conflicting options: either specify \(options.hostSource) or --context, not both")
        }
        var reasons: [String] = []
        if let name = nonEmpty(options.context) {
            reasons.append("--context \(name) given: it wins over everything else")
            return try fromContext(name, source: .contextFlag(name), options: options, reasons: reasons)
        }
        reasons.append("no --context")
        if let host = nonEmpty(options.host) {
            reasons.append("\(options.hostSource) \(host) given: it wins over DOCKER_HOST and contexts")
            return try defaultContext(host: host, source: .hostFlag(options.hostSource), options, reasons)
        }
        reasons.append("no --docker-host")
        if let host = nonEmpty(environment["DOCKER_HOST"]) {
            reasons.append("DOCKER_HOST=\(host) set: it wins over DOCKER_CONTEXT and config.json")
            return try defaultContext(host: host, source: .environmentHost, options, reasons)
        }
        reasons.append("DOCKER_HOST not set")
        if let name = nonEmpty(environment["DOCKER_CONTEXT"]) {
            reasons.append("DOCKER_CONTEXT=\(name) set: it wins over config.json's currentContext")
            return try fromContext(name, source: .environmentContext(name), options: options, reasons: reasons)
        }
        reasons.append("DOCKER_CONTEXT not set")
        let store = contexts
        if let name = try store.currentContext() {
            reasons.append("currentContext \(name) in \(store.configFile)")
            return try fromContext(
                name, source: .currentContext(name, configFile: store.configFile), options: options, reasons: reasons)
        }
        reasons.append("no currentContext in \(store.configFile)")
        return try defaultContext(host: nil, source: .defaultSocket, options, reasons)
    }

    /// A named context; `default` is the CLI's built-in one (the host from flags or environment).
    private func fromContext(
        _ name: String, source: ResolvedEndpoint.Source, options: EndpointOptions, reasons: [String]
    ) throws(EngineError) -> ResolvedEndpoint {
        if name == "default" {
            return try defaultContext(
                host: nil, source: source, options, reasons + ["context default: the default socket"])
        }
        let context = try contexts.context(named: name)
        var reasons = reasons + ["context \(name): \(context.metaFile) says Host \(context.host)"]
        let hasTLSFiles = context.caFile != nil || context.certFile != nil || context.keyFile != nil
        let wantsTLS = hasTLSFiles || context.skipTLSVerify
        let endpoint: EngineEndpoint
        do {
            endpoint = try EngineEndpoint(dockerHost: context.host, tls: wantsTLS)
        } catch {
            throw .invalidContext(name: name, reason: "\(context.metaFile): \(error)")
        }
        var tls: EngineTLS?
        if case .tcp = endpoint, wantsTLS {
            tls = EngineTLS(
                caFile: context.caFile, certFile: context.certFile, keyFile: context.keyFile,
                verifyServer: !context.skipTLSVerify)
            reasons.append("TLS files from \(context.tlsDirectory)\(context.skipTLSVerify ? ", SkipTLSVerify" : "")")
        }
        return ResolvedEndpoint(endpoint: endpoint, tls: tls, source: source, reasons: reasons)
    }

    /// The CLI's default context: the host given (or the default socket) with TLS from the flags,
    /// `DOCKER_TLS_VERIFY` and `DOCKER_CERT_PATH`.
    private func defaultContext(
        host: String?, source: ResolvedEndpoint.Source, _ options: EndpointOptions, _ reasons: [String]
    ) throws(EngineError) -> ResolvedEndpoint {
        var reasons = reasons
        let verify = options.tlsVerify ?? (nonEmpty(environment["DOCKER_TLS_VERIFY"]) != nil)
        let useTLS = options.tls || verify
        var endpoint = try EngineEndpoint(dockerHost: host, tls: useTLS)
        var source = source
        if host == nil, case .defaultSocket = source {
            if let podman = podmanSocket() {
                endpoint = .unix(path: podman)
                source = .podmanSocket
                reasons.append("no \(EngineEndpoint.defaultUnixSocket) but Podman's \(podman)")
            } else if case .unix(let docker) = endpoint, !exists(docker) {
                // Said before a connection fails on it: nothing on this host to fall back to.
                reasons.append(
                    "\(docker) does not exist, nor Podman's \(podmanCandidates().joined(separator: " or "))")
            }
        }
        guard useTLS, case .tcp = endpoint else {
            return ResolvedEndpoint(endpoint: endpoint, source: source, reasons: reasons)
        }
        let certPath = nonEmpty(environment["DOCKER_CERT_PATH"]) ?? configDirectory
        func file(_ flag: String?, _ name: String) -> String? {
            if let flag = nonEmpty(flag) { return flag }
            let path = "\(certPath)/\(name)"
            return exists(path) ? path : nil
        }
        let tls = EngineTLS(
            caFile: verify ? file(options.tlsCACert, "ca.pem") : nonEmpty(options.tlsCACert),
            certFile: file(options.tlsCert, "cert.pem"), keyFile: file(options.tlsKey, "key.pem"),
            verifyServer: verify)
        let why =
            options.tlsVerify != nil
            ? "--tlsverify" : nonEmpty(environment["DOCKER_TLS_VERIFY"]) != nil ? "DOCKER_TLS_VERIFY" : "--tls"
        reasons.append("TLS (\(why)), certificates from \(certPath): \(tls.summary)")
        return ResolvedEndpoint(endpoint: endpoint, tls: tls, source: source, reasons: reasons)
    }

    /// Podman's socket, when there is no Docker socket and Podman's exists (rootful, then rootless).
    private func podmanSocket() -> String? {
        guard case .unix(let docker) = EngineEndpoint.defaultUnixSocket, !exists(docker) else { return nil }
        return podmanCandidates().first(where: exists)
    }

    /// Where Podman's socket is looked for: rootful, then rootless.
    private func podmanCandidates() -> [String] {
        var candidates = [Self.podmanRootfulSocket]
        if let runtime = nonEmpty(environment["XDG_RUNTIME_DIR"]) { candidates.append(runtime + "/podman/podman.sock") }
        return candidates
    }

    private func nonEmpty(_ value: String?) -> String? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }
}
