import ArgumentParser
import DockerEngine
import CoreMetrics
import GuardCore
import Logging
import Prometheus
import ServiceLifecycle
import StatusServer
import NIOPosix
import UnixSignals

/// `dockerguard run`: the headless guard, for Compose, systemd and Kubernetes.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Guard the Docker engine and serve the status API (headless).",
        discussion: """
            Keeps a live view of the engine's containers from its event stream, judges each one
            against the allow-list as it starts, and serves GET /containers, /allowlist, /healthz
            and /readyz. Stops cleanly on SIGINT or SIGTERM. In confirm mode, without an operator,
            violations are recorded as in audit mode.
            """
    )

    @OptionGroup var options: GuardOptions
    @OptionGroup var engine: EngineOptions
    @OptionGroup var logging: LoggingOptions

    func run() async throws {
        let logger = logging.bootstrap()
        let settings = try options.load(engine: engine.dockerHost)
        for warning in settings.warnings { logger.warning("\(warning)") }
        guard let listen = ListenAddress(settings.listen) else {
            throw ValidationError("listen: '\(settings.listen)' is not HOST:PORT (\(settings.sources["listen"] ?? "default"))")
        }
        // The engine link and the enforcer get an event loop of their own (DedicatedExecutor).
        let guardLoop = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let executor = DedicatedExecutor(eventLoop: guardLoop.next())
        let client = try engine.client(settings: settings, group: guardLoop, taskExecutor: executor)

        let metrics = GuardMetrics()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: metrics.registry))
        let store = ContainerStore(endpoint: client.endpoint.description)
        var syncConfiguration = EngineSync.Configuration()
        syncConfiguration.resyncInterval = .seconds(settings.resyncInterval)
        let sync = EngineSync(client: client, store: store, configuration: syncConfiguration, metrics: metrics, logger: logger)
        let policy = PolicyState(path: settings.allowlistPath)
        let watcher = AllowListWatcher(state: policy, metrics: metrics, logger: logger)
        let aliases = ImageAliases()
        let audit = AuditLog(path: settings.auditLogPath, maxBytes: settings.auditLogMaxBytes, logger: logger)
        let selfID = SelfContainer.detectID()
        let enforcer = Enforcer(
            client: client, store: store, policy: policy, audit: audit, aliases: aliases,
            settings: .init(mode: settings.mode, action: settings.action, stopTimeout: settings.stopTimeout),
            selfID: selfID, metrics: metrics, executor: executor, logger: logger)
        let server = StatusServer(
            store: store, policy: policy, aliases: aliases, metrics: metrics, listen: listen, version: DockerGuard.version, logger: logger)

        let group = ServiceGroup(configuration: .init(
            services: [
                .init(service: watcher), .init(service: PinnedService(sync, on: executor)),
                .init(service: PinnedService(EnforcerService(enforcer: enforcer), on: executor)),
                .init(service: server.application()),
            ],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger
        ))
        logger.info("dockerguard starting", metadata: [
            "engine": "\(client.endpoint)", "listen": "\(listen)", "mode": "\(settings.mode.rawValue)",
            "action": "\(settings.action.rawValue)", "allowlist": "\(settings.allowlistPath)",
            "audit_log": "\(settings.auditLogPath)", "self": "\(selfID.map { String($0.prefix(12)) } ?? "not in a container")",
        ])
        if settings.mode == .confirm {
            logger.notice("confirm mode without an operator: violations are recorded, as in audit mode")
        }
        do {
            try await group.run()
        } catch {
            throw CommandFailure.describe(error, listen: listen)
        }
        logger.info("dockerguard stopped")
    }
}

/// Runs the enforcer until shutdown.
struct EnforcerService: Service {
    let enforcer: Enforcer

    func run() async throws {
        await cancelWhenGracefulShutdown { await enforcer.run() }
    }
}

extension ListenAddress: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(argument)
    }
}
