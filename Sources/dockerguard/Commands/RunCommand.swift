import ArgumentParser
import DockerEngine
import GuardCore
import Logging
import ServiceLifecycle
import StatusServer
import UnixSignals

/// `dockerguard run`: the headless guard, for Compose, systemd and Kubernetes.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Watch the Docker engine and serve the status API (headless).",
        discussion: """
            Keeps a live view of the engine's containers from its event stream and serves it at
            GET /containers, /healthz and /readyz. Stops cleanly on SIGINT or SIGTERM.
            """
    )

    @Option(name: .long, help: ArgumentHelp("Address of the HTTP API (HOST:PORT, [IPv6]:PORT or :PORT).", valueName: "address"))
    var listen: ListenAddress = .default

    @Option(name: .long, help: ArgumentHelp("Docker engine endpoint, overriding DOCKER_HOST (unix:///path or tcp://host:port).", valueName: "url"))
    var engine: String?

    @Option(name: .long, help: "Seconds between full resyncs with the engine (the safety net under the event stream).")
    var resyncInterval: Int = 60

    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        guard resyncInterval > 0 else { throw ValidationError("--resync-interval must be a positive number of seconds") }
    }

    func run() async throws {
        let logger = logging.bootstrap()
        let client: DockerClient
        do {
            client = DockerClient(endpoint: try EngineEndpoint(dockerHost: engine ?? Environment.dockerHost))
        } catch {
            throw ValidationError(error.description)
        }

        let store = ContainerStore(endpoint: client.endpoint.description)
        var syncConfiguration = EngineSync.Configuration()
        syncConfiguration.resyncInterval = .seconds(resyncInterval)
        let sync = EngineSync(client: client, store: store, configuration: syncConfiguration, logger: logger)
        let server = StatusServer(store: store, listen: listen, version: DockerGuard.version, logger: logger)

        let group = ServiceGroup(configuration: .init(
            services: [.init(service: sync), .init(service: server.application())],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger
        ))
        logger.info("dockerguard starting", metadata: ["engine": "\(client.endpoint)", "listen": "\(listen)"])
        do {
            try await group.run()
        } catch {
            throw CommandFailure.describe(error, listen: listen)
        }
        logger.info("dockerguard stopped")
    }
}

extension ListenAddress: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(argument)
    }

}
