import Foundation
import GuardCore
import GuardRuntime
import GuardTUI
import Logging
import ServiceLifecycle
import StatusServer
import UnixSignals

/// Runs the guard's parts and the dashboard in one process: the services on Swift concurrency,
/// the dashboard on a thread of its own that alone touches ncurses.
struct DashboardApp {
    let parts: GuardAssembly
    let apiEnabled: Bool
    let themeName: String
    /// `--ready-file`: written once the API listens.
    let readyFile: String?
    let logger: Logger
    /// `x`'s shell: the docker CLI on PATH and the flags for this endpoint; nil hides `x`.
    var shell: ShellLauncher?
    /// The authorization plugin's service, when `--authz` is given.
    var plugin: [ServiceGroupConfiguration.ServiceConfiguration] = []
    /// Ends the process if it does not stop once asked to.
    let watchdog: ShutdownWatchdog

    func run() async throws {
        let feed = DashboardFeed()
        var services = plugin + parts.guardServices
        let listen = parts.listen
        if apiEnabled {
            let server = parts.statusServer(version: TUICommand.version, logger: logger) { bound in
                feed.post { $0.api = .serving(address: "\(bound)") }
                if let readyFile { ReadyFile.write(to: readyFile, listen: "\(bound)", logger: logger) }
            }
            let reporting = ReportingService(server.application()) { [logger] error in
                let message = CommandFailure.message(for: error, listen: listen)
                logger.error("the HTTP API is not serving: \(message)", metadata: ["listen": "\(listen)"])
                feed.post { $0.api = .failed(address: "\(listen)", error: message) }
            }
            services.append(
                .init(service: reporting, successTerminationBehavior: .ignore, failureTerminationBehavior: .ignore))
        }
        let group = ServiceGroup(configuration: .init(services: watchdog.track(services), logger: logger))
        let data = DashboardData(
            snapshot: parts.store.current, policy: parts.policy.current, enforcer: parts.enforcer.status.value,
            api: apiEnabled ? .starting(address: "\(listen)") : .disabled, aliases: parts.aliases,
            stopTimeout: parts.settings.stopTimeout, now: WallClock.seconds())

        // Trapped before the UI thread starts, so curses installs no handlers of its own for them.
        // SIGHUP too: a closed terminal or a dropped ssh session must not leave the plugin's socket behind.
        let signals = await UnixSignalsSequence(trapping: .sigint, .sigterm, .sighup, .sigwinch)
        // The services run beside the dashboard's own tasks, and once the UI ends they get a graceful
        // shutdown and are waited for: cancelling them too cut the HTTP server's shutdown short, and
        // it logged errors ("Waiting on child channel", "Already closed") for a clean quit.
        try await withThrowingDiscardingTaskGroup { outer in
            outer.addTask { try await group.run() }
            try await withThrowingDiscardingTaskGroup { tasks in
                tasks.addTask {
                    await feed.follow(
                        store: parts.store, policy: parts.policy, enforcer: parts.enforcer,
                        refused: parts.refusedCreates, timeline: parts.audit.timeline)
                }
                tasks.addTask {
                    for await signal in signals {
                        if signal == .sigwinch {
                            feed.post { $0.resized = true }
                        } else {
                            feed.post { $0.quitRequested = true }
                            break
                        }
                    }
                }
                let stats = StatsSampler(views: parts.containerViews, feed: feed)
                tasks.addTask { await stats.run() }
                try await runUIThread(feed: feed, data: data, stats: stats)
                watchdog.arm("the dashboard was closed")
                await group.triggerGracefulShutdown()
                tasks.cancelAll()
            }
        }
    }

    /// Starts the UI thread and waits for it to end; the terminal is restored before this returns.
    private func runUIThread(feed: DashboardFeed, data: DashboardData, stats: StatsSampler) async throws {
        let enforcer = parts.enforcer
        let actions = OperatorActions(
            act: { ids, cause in
                Task {
                    let outcomes = await enforcer.actForOperator(on: ids, cause: cause)
                    feed.post { $0.events.append(.acted(outcomes)) }
                }
            },
            setMode: { mode in Task { await enforcer.setMode(mode) } })
        let policy = parts.policy
        let saver = AllowListSaver(path: parts.settings.allowlistPath) { list in
            policy.apply(list, at: WallClock.seconds())
        }
        let catalog = ThemeCatalog(
            directories: ThemeCatalog.standardDirectories(
                environment: ProcessInfo.processInfo.environment, executablePath: CommandLine.arguments[0]))
        var initial = UIState(theme: themeName, themes: catalog.names())
        initial.canExec = shell != nil && !parts.settings.readonly
        let state = initial
        let shell = self.shell
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let thread = Thread {
                let terminal = NcursesTerminal(theme: .builtInDefault)
                let capability = ColorCapability.capability(
                    environment: ProcessInfo.processInfo.environment, terminalColors: terminal.colors)
                let themes = ThemeSource(catalog: catalog, capability: capability)
                let (theme, error) = themes.load(themeName)
                terminal.setTheme(theme)
                var state = state
                state.themeError = error
                if let error {
                    state.message = .init(error, isError: true)
                    logger.error("\(error)")
                }
                DashboardLoop(
                    feed: feed, terminal: terminal, themes: themes, saver: saver, actions: actions,
                    logs: LogFollower(views: parts.containerViews, feed: feed), stats: stats,
                    inspects: InspectReader(views: parts.containerViews, feed: feed), shell: shell, data: data,
                    state: state, logger: logger
                ).run()
                terminal.close()
                continuation.resume()
            }
            thread.name = "dockerguard-ui"
            thread.start()
        }
    }
}

/// Runs a service and reports its failure instead of ending the process: a busy API port must
/// leave the dashboard running.
struct ReportingService<Base: Service>: Service {
    let base: Base
    let onFailure: @Sendable (any Error) -> Void

    init(_ base: Base, onFailure: @escaping @Sendable (any Error) -> Void) {
        self.base = base
        self.onFailure = onFailure
    }

    func run() async throws {
        do {
            try await base.run()
        } catch {
            onFailure(error)
        }
    }
}
