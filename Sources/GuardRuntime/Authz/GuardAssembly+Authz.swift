import Foundation
import GuardCore
import Logging
import NIOPosix
import ServiceLifecycle
import StatusServer

extension GuardAssembly {
    /// The authorization plugin over this guard's store, allow-list and mode, as a service (none
    /// when `--authz` is off). Its socket is inherited through socket activation when there is
    /// one, else bound at `options.socketPath`. Throws, before anything else has started, when
    /// another process already serves that socket.
    public func authzServices(
        _ options: AuthzOptions, logger: Logger, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> [ServiceGroupConfiguration.ServiceConfiguration] {
        guard options.authz else { return [] }
        let inherited = SocketActivation.inheritedSocket(environment: environment)
        if inherited == nil { try PluginSocketPath.prepare(options.socketPath) }
        let enforcer = enforcer
        // A thread of its own: every docker command waits on the plugin's answers.
        let executor = DedicatedExecutor(eventLoop: MultiThreadedEventLoopGroup(numberOfThreads: 1).next())
        let judge = AuthzJudge(
            store: store, policy: policy, aliases: aliases, audit: audit,
            metrics: AuthzMetrics(registry: metrics.registry),
            lookup: EngineAuthzLookup(client: client),
            settings: options.settings(readonly: settings.readonly, operatorPresent: interactive),
            selfID: { enforcer.status.value.selfID }, mode: { enforcer.status.value.mode }, executor: executor,
            refusedCreates: refusedCreates, logger: logger)
        let listener: AuthzPluginServer.Listener =
            if let descriptor = inherited {
                .inherited(descriptor, path: options.socketPath)
            } else {
                .path(options.socketPath)
            }
        return [
            .init(
                service: AuthzPluginServer(
                    listener: listener, service: AuthzService(judge: judge), executor: executor, logger: logger))
        ]
    }
}
