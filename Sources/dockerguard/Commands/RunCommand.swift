import ArgumentParser
import GuardCore
import GuardRuntime
import Logging
import ServiceLifecycle
import StatusServer
import UnixSignals

/// `dockerguard run`: the headless guard, for Compose, systemd and Kubernetes.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Guard the Docker engine and serve the status API (headless).",
        discussion: """
            Keeps a live view of the engine's containers from its event stream, judges each one \
            against the allow-list as it starts, and serves GET /containers, /allowlist, /healthz, \
            /readyz and /metrics. Stops cleanly on SIGINT, SIGTERM or SIGHUP. In confirm mode, \
            without an operator, violations are recorded as in audit mode.
            """
    )

    @OptionGroup var options: GuardOptions
    @OptionGroup var engine: EngineOptions
    @OptionGroup var logging: LoggingOptions
    @OptionGroup(title: "Authorization plugin") var authz: AuthzOptions

    func run() async throws {
        let logger = logging.bootstrap()
        let settings = try options.load(engine: engine.dockerHost)
        for warning in settings.warnings { logger.warning("\(warning)") }
        try await GuardProcess.run(logger: logger) { process in
            let parts = try GuardAssembly(
                process: process, settings: settings, engine: engine, interactive: false, logger: logger)
            let listen = parts.listen
            let plugin = try parts.authzServices(authz, logger: logger)
            let readyFile = options.readyFile
            let server = parts.statusServer(version: DockerGuard.version, logger: logger) { bound in
                if let readyFile { ReadyFile.write(to: readyFile, listen: "\(bound)", logger: logger) }
            }
            let group = ServiceGroup(
                configuration: .init(
                    services: process.watchdog.track(
                        plugin + parts.guardServices + [.init(service: server.application())]),
                    gracefulShutdownSignals: [.sigterm, .sigint, .sighup],
                    logger: logger
                ))
            logger.info("dockerguard starting", metadata: parts.startMetadata)
            if settings.mode == .confirm {
                logger.notice("confirm mode without an operator: violations are recorded, as in audit mode")
            }
            do {
                try await group.run()
            } catch {
                throw CommandFailure.describe(error, listen: listen)
            }
        }
        logger.info("dockerguard stopped")
    }
}
