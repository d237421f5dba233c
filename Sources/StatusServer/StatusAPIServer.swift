import GuardCore
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// The HTTP API, served from the store's snapshots: no request ever reaches the engine.
public struct StatusAPIServer: Sendable {
    public let listen: ListenAddress
    let responder: StatusResponder
    /// The watch stream's clients (`GET /containers?watch=true`); runs with the application.
    public let watch: WatchHub
    let logger: Logger
    let onListening: @Sendable (ListenAddress) async -> Void

    /// - Parameter onListening: called with the bound address (the real port when `listen.port` is 0).
    public init(
        store: ContainerStore,
        policy: PolicyState? = nil,
        aliases: ImageAliases = ImageAliases(),
        metrics: GuardMetrics = GuardMetrics(),
        listen: ListenAddress = .default,
        version: String,
        watchClientBuffer: Int = 1024,
        watchHeartbeat: Duration = .seconds(15),
        watchDropGrace: Duration = .seconds(30),
        logger: Logger,
        onListening: @escaping @Sendable (ListenAddress) async -> Void = { _ in }
    ) {
        self.listen = listen
        let watch = WatchHub(
            store: store, policy: policy, aliases: aliases, clientBuffer: watchClientBuffer, metrics: metrics,
            heartbeatInterval: watchHeartbeat, dropGrace: watchDropGrace)
        self.watch = watch
        self.responder = StatusResponder(
            store: store, policy: policy, aliases: aliases, metrics: metrics, version: version, hub: watch)
        self.logger = logger
        self.onListening = onListening
    }

    /// The HTTP API as a service: Hummingbird's application, once its address could be bound.
    public func application() -> some Service {
        let logger = logger
        let onListening = onListening
        let requested = listen
        // Hummingbird's only info lines repeat ours ("Server started and listening on …", then
        // "Shutting down"): at the default level, keep its notices and worse only.
        var serverLogger = logger
        if serverLogger.logLevel == .info { serverLogger.logLevel = .notice }
        let app = Application(
            responder: responder,
            // Unreadable requests get the API's JSON error too (Hummingbird's own 400 is empty).
            server: .http1(configuration: .init(additionalChannelHandlers: [BadRequestHandler.Installer()])),
            configuration: .init(
                address: .hostname(listen.host, port: listen.port), serverName: "dockerguard", reuseAddress: true),
            services: [watch],
            onServerRunning: { channel in
                // Accepted sockets inherit the listener's send buffer: large enough that a whole
                // /containers body leaves in one write instead of waiting for the socket to drain.
                try? await channel.setOption(ChannelOptions.socketOption(.so_sndbuf), value: 1 << 20).get()
                let bound = ListenAddress(host: requested.host, port: channel.localAddress?.port ?? requested.port)
                logger.info("status API listening on http://\(bound)")
                await onListening(bound)
            },
            logger: serverLogger
        )
        return ProbedApplication(app: app, listen: requested)
    }
}
