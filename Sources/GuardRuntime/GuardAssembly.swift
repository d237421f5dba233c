import ArgumentParser
import DockerEngine
import GuardCore
import Logging
import ServiceLifecycle
import StatusServer

/// The guard's parts wired together: engine client, store, sync, allow-list watcher, enforcer and
/// the HTTP API. `dockerguard run` runs them headless; `dockerguard-tui` runs the same parts under
/// its dashboard, so both behave alike.
public struct GuardAssembly: Sendable {
    public let settings: GuardSettings
    public let listen: ListenAddress
    public let client: DockerClient
    public let store: ContainerStore
    public let sync: EngineSync
    public let policy: PolicyState
    public let watcher: AllowListWatcher
    public let aliases: ImageAliases
    public let audit: AuditLog
    public let enforcer: Enforcer
    public let metrics: GuardMetrics
    /// The event loop the engine link and the enforcer run on (see ``DedicatedExecutor``).
    public let executor: DedicatedExecutor
    /// What the process sees of the container it runs in, if any; the enforcer settles which one
    /// it is at the first sync and never acts on it.
    public let selfProbe: SelfProbe
    /// Creates the authorization plugin refused in confirm mode, for the dashboard's pending rows.
    public let refusedCreates = RefusedCreates()
    /// An operator is there (the dashboard) to answer confirm mode.
    public let interactive: Bool

    /// Builds every part; `interactive` says an operator is there to answer confirm mode.
    public init(
        process: GuardProcess, settings: GuardSettings, engine: EngineOptions, interactive: Bool, logger: Logger
    ) throws {
        guard let listen = ListenAddress(settings.listen) else {
            throw ValidationError(
                "listen: '\(settings.listen)' is not HOST:PORT (\(settings.sources["listen"] ?? "default"))")
        }
        self.settings = settings
        self.interactive = interactive
        self.listen = listen
        executor = process.executor
        client = try engine.client(settings: settings, group: process.guardLoop, taskExecutor: executor)
        // A mount of the guarded engine's own socket, wherever it is, gives a container that engine.
        SecurityProfile.countEngineSocket(of: client.endpoint)
        metrics = process.metrics
        store = ContainerStore(endpoint: client.endpoint.description)
        var syncConfiguration = EngineSync.Configuration()
        syncConfiguration.resyncInterval = .seconds(settings.resyncInterval)
        sync = EngineSync(
            client: client, store: store, configuration: syncConfiguration, metrics: metrics, logger: logger)
        policy = PolicyState(path: settings.allowlistPath, profile: settings.profile)
        watcher = AllowListWatcher(state: policy, metrics: metrics, logger: logger)
        aliases = ImageAliases()
        audit = AuditLog(path: settings.auditLogPath, maxBytes: settings.auditLogMaxBytes, logger: logger)
        selfProbe = SelfProbe.read()
        enforcer = Enforcer(
            client: client, store: store, policy: policy, audit: audit, aliases: aliases,
            settings: .init(
                mode: settings.mode, action: settings.action, stopTimeout: settings.stopTimeout,
                interactive: interactive, readonly: settings.readonly),
            selfProbe: selfProbe, metrics: metrics, executor: executor, logger: logger)
        metrics.follow(enforcer.status)
    }

    /// The HTTP API over this guard's store and policy.
    public func statusServer(
        version: String, logger: Logger, onListening: @escaping @Sendable (ListenAddress) async -> Void = { _ in }
    ) -> StatusAPIServer {
        StatusAPIServer(
            store: store, policy: policy, aliases: aliases, metrics: metrics, listen: listen, version: version,
            logger: logger,
            onListening: onListening)
    }

    /// The long-running parts, the engine link and enforcer pinned to their own event loop.
    public var guardServices: [ServiceGroupConfiguration.ServiceConfiguration] {
        [
            .init(service: watcher), .init(service: PinnedService(sync, on: executor)),
            .init(service: PinnedService(EnforcerService(enforcer: enforcer), on: executor)),
        ]
    }

    /// What the start-up log line says about this guard.
    public var startMetadata: Logger.Metadata {
        [
            "engine": "\(client.endpoint)", "listen": "\(listen)", "mode": "\(settings.mode.rawValue)",
            "action": "\(settings.action.rawValue)", "allowlist": "\(settings.allowlistPath)",
            "audit_log": "\(settings.auditLogPath)", "self": "\(selfProbe.startSummary)",
            "readonly": "\(settings.readonly)", "profile": "\(settings.profile.rawValue)",
        ]
    }
}

/// Runs the enforcer until shutdown.
public struct EnforcerService: Service {
    let enforcer: Enforcer

    public init(enforcer: Enforcer) {
        self.enforcer = enforcer
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown { await enforcer.run() }
    }
}

extension ListenAddress: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(argument)
    }
}
