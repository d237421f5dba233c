import ArgumentParser
import Foundation
import GuardCore
import GuardRuntime
import Logging

/// `dockerguard-tui`: the live dashboard, with the guard and the HTTP API in the same process.
struct TUICommand: AsyncParsableCommand {
    static let version = CommandLineEntry.version

    static let configuration = CommandConfiguration(
        commandName: "dockerguard-tui",
        abstract: "The live dashboard: see, allow and stop the host's containers.",
        discussion: """
            Runs the same guard as `dockerguard run` (same options and config file) under an ncurses \
            dashboard, and serves the HTTP API alongside it. Press ? in the dashboard for the keys. \
            Logs go to --log-file, never to the terminal.
            """,
        version: version
    )

    @OptionGroup var options: GuardOptions
    @OptionGroup var engine: EngineOptions
    @OptionGroup(title: "Authorization plugin") var authz: AuthzOptions

    @Option(
        name: .long,
        help: ArgumentHelp("Colour theme: a name from themes/ or a YAML file (default: default).", valueName: "name"))
    var theme: String?

    @Flag(name: .long, help: "Nothing can be stopped or edited; violations are only recorded.")
    var readonly = false

    @Flag(name: .long, help: "Do not serve the HTTP API.")
    var noAPI = false

    @Option(
        name: .long, help: ArgumentHelp("Log file (default: $XDG_STATE_HOME/dockerguard/tui.log).", valueName: "path"))
    var logFile: String?

    @Option(
        name: .long,
        help: ArgumentHelp("Log level of the log file.", valueName: "level"))
    var logLevel: Logger.Level = .info

    @Option(name: .customLong("bench-render"), help: .hidden)
    var benchRender: Int?

    func run() async throws {
        if let benchRender {
            print(RenderBenchmark.run(rows: benchRender))
            return
        }
        guard isatty(0) == 1, isatty(1) == 1 else {
            throw CommandFailure.fail("dockerguard-tui needs a terminal; use `dockerguard run` to run headless")
        }
        var flags = options.flags
        flags["engine"] = engine.dockerHost
        flags["theme"] = theme
        if readonly { flags["readonly"] = "true" }
        let settings = try SettingsLoader.loadForCommand(configPath: options.config, flags: flags)
        let logPath = logFile ?? Self.defaultLogPath()
        let logger = try LogFile.bootstrap(path: logPath, level: logLevel)
        for warning in settings.warnings { logger.warning("\(warning)") }
        try await GuardProcess.run(logger: logger) { process in
            let parts = try GuardAssembly(
                process: process, settings: settings, engine: engine, interactive: true, logger: logger)
            let plugin = try parts.authzServices(authz, logger: logger)
            logger.info("dockerguard-tui starting", metadata: parts.startMetadata)
            // `x` only where it can work: the docker CLI on PATH, and never read-only.
            let shell = try ShellLauncher.findDocker().flatMap { docker in
                settings.readonly
                    ? nil
                    : ShellLauncher(
                        docker: docker, endpointArguments: try engine.dockerCLI(settings: settings).arguments,
                        cleared: DockerCLIEndpoint.clearedEnvironment)
            }
            try await DashboardApp(
                parts: parts, apiEnabled: !noAPI, themeName: settings.theme, readyFile: options.readyFile,
                logger: logger, shell: shell, plugin: plugin, watchdog: process.watchdog
            ).run()
        }
        logger.info("dockerguard-tui stopped")
    }

    static func defaultLogPath() -> String {
        let environment = ProcessInfo.processInfo.environment
        let state =
            environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (NSHomeDirectory() + "/.local/state")
        return state + "/dockerguard/tui.log"
    }
}
