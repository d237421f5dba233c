import Foundation
import Glibc
import GuardCore
import GuardTUI
import Logging

/// The UI thread's loop: wait for a key or news, update the state, draw at most ~30 frames a
/// second, and sleep in `poll` otherwise (no timers spin while idle).
final class DashboardLoop {
    private let feed: DashboardFeed
    private let terminal: NcursesTerminal
    private let themes: ThemeSource
    private let saver: AllowListSaver
    private let actions: OperatorActions
    private let logs: LogFollower
    private let stats: StatsSampler
    private let inspects: InspectReader
    /// `x`'s shell, when the docker CLI is on PATH.
    private let shell: ShellLauncher?
    /// The containers the sampler was last told are on screen.
    private var sampled: [String] = []
    private let logger: Logger
    private var data: DashboardData
    private var state: UIState
    private let glyphs: Glyphs
    private var dirty = true
    private var lastFrame = 0.0
    private var nextTick = 0.0
    private var expiry = MessageExpiry()
    /// When the message on screen goes, if there is one.
    private var messageEnd: Double?

    static let frameInterval = 1.0 / 30

    init(
        feed: DashboardFeed, terminal: NcursesTerminal, themes: ThemeSource, saver: AllowListSaver,
        actions: OperatorActions, logs: LogFollower, stats: StatsSampler, inspects: InspectReader,
        shell: ShellLauncher?, data: DashboardData, state: UIState, logger: Logger
    ) {
        self.inspects = inspects
        self.shell = shell
        self.stats = stats
        self.logs = logs
        self.logger = logger
        self.feed = feed
        self.terminal = terminal
        self.themes = themes
        self.saver = saver
        self.actions = actions
        self.data = data
        self.state = state
        glyphs = Glyphs.forLocale(utf8: terminal.isUTF8)
    }

    /// Runs until the operator quits or a signal asks to.
    func run() {
        while !state.quitting {
            waitForInput()
            takeNews()
            if state.quitting { break }
            for key in terminal.pendingKeys() {
                if key == .resize { terminal.resized() }
                handle(key)
                dirty = true
                if state.quitting { return }
            }
            let now = Self.now()
            if now >= nextTick { dirty = true }
            let hadMessage = state.message != nil
            messageEnd = expiry.update(&state, now: now)
            if hadMessage, state.message == nil { dirty = true }
            if dirty, now - lastFrame >= Self.frameInterval { drawFrame(now: now) }
        }
    }

    /// Sleeps until a key, a wake-up, the next frame slot (when something is waiting to be drawn)
    /// or the next change of a relative time on screen.
    private func waitForInput() {
        let now = Self.now()
        let deadline = dirty ? lastFrame + Self.frameInterval : min(nextTick, messageEnd ?? .infinity)
        let timeout = Int32(max(0, min((deadline - now) * 1000, 60_000)).rounded(.up))
        var fds = [
            pollfd(fd: 0, events: Int16(POLLIN), revents: 0),
            pollfd(fd: feed.wake.readEnd, events: Int16(POLLIN), revents: 0),
        ]
        // With a frame already due, news waits for it (nothing is drawn sooner): a container
        // writing hundreds of lines a second then costs one wake-up per frame, not one per chunk.
        // Keys still wake at once.
        _ = poll(&fds, dirty ? 1 : 2, timeout)  // EINTR (a resize) just means: look again
        if fds[1].revents != 0 { feed.wake.drain() }
    }

    private func takeNews() {
        let inbox = feed.take()
        if inbox.quitRequested { state.quitting = true }
        if inbox.resized {
            terminal.resized(askingTheKernel: true)
            dirty = true
        }
        if let snapshot = inbox.snapshot {
            data.snapshot = snapshot
            dirty = true
        }
        if let policy = inbox.policy {
            data.policy = policy
            dirty = true
        }
        if let enforcer = inbox.enforcer {
            // The guard's own actions join one report; the operator's batches come as a whole
            // with their command's answer.
            DashboardMachine.guardActed(
                enforcer.actions(after: data.enforcer.actionsFinished).filter { !$0.byOperator },
                underWay: enforcer.acting.count, action: enforcer.action.rawValue, state: &state)
            data.enforcer = enforcer
            dirty = true
        }
        if let api = inbox.api {
            data.api = api
            dirty = true
        }
        if let resources = inbox.resources {
            data.resources = resources
            data.resourcesVersion += 1
            dirty = true
        }
        if let timeline = inbox.timeline {
            data.timeline = timeline
            dirty = true
        }
        if let refused = inbox.refused {
            data.refused = refused
            dirty = true
        }
        for news in inbox.logs {
            if news.opened { DashboardMachine.logsOpened(session: news.session, state: &state) }
            if !news.entries.isEmpty || news.skippedBefore > 0 {
                DashboardMachine.receiveLogs(
                    news.entries, skippedBefore: news.skippedBefore, session: news.session, state: &state)
            }
            if news.ended { DashboardMachine.logsEnded(session: news.session, error: news.error, state: &state) }
            dirty = true
        }
        for news in inbox.inspected {
            DashboardMachine.receiveInspect(json: news.json, error: news.error, session: news.session, state: &state)
            dirty = true
        }
        for event in inbox.events {
            run(DashboardMachine.handle(event, state: &state, path: data.policy.path))
            dirty = true
        }
    }

    private func handle(_ key: Key) {
        let context = DashboardMachine.Context(data: data, rows: rows())
        DashboardMachine.reconcile(&state, rows: context.rows)
        run(DashboardMachine.handle(key, state: &state, context: context))
    }

    private func run(_ commands: [Command]) {
        for command in commands {
            switch command {
            case .quit: state.quitting = true
            case .applyTheme(let name):
                let (theme, error) = themes.load(name)
                terminal.setTheme(theme)
                state.themeError = error
                if let error {
                    state.message = .init(error, isError: true)
                    logger.error("\(error)")
                }
            case .act(let ids, let cause):
                actions.act(ids, cause)
                state.message = .init(
                    "\(data.enforcer.action.rawValue): \(ids.count) container\(ids.count == 1 ? "" : "s")…")
            case .openLogs(let id, let session, let tail): logs.open(id: id, session: session, tail: tail)
            case .closeLogs(let session): logs.close(session: session)
            case .inspect(let id, let session): inspects.read(id: id, session: session)
            case .exec(let id, let name): runShell(id: id, name: name)
            case .setMode(let mode):
                actions.setMode(mode)
                state.message = .init("mode \(mode.rawValue)")
            default:
                if let event = saver.perform(command) {
                    run(DashboardMachine.handle(event, state: &state, path: data.policy.path))
                }
            }
        }
    }

    /// `x`: curses suspended, the shell on the terminal until it exits, then the dashboard back.
    private func runShell(id: String, name: String) {
        guard let shell else { return }
        // Nothing is sampled for a screen no one sees.
        sampled = []
        stats.show([])
        terminal.suspend()
        let result = shell.run(id: id, name: name)
        terminal.resume()
        dirty = true
        switch result {
        case .success(let status):
            state.message = .init("shell in \(name) ended (exit \(status))", isError: status != 0 && status != 130)
        case .failure(let failure):
            state.message = .init("cannot run docker exec: \(failure.message)", isError: true)
            logger.error("docker exec failed to start: \(failure.message)")
        }
    }

    private func rows() -> [ContainerRow] {
        table().rows
    }

    /// The table, judged again only when something it depends on changed: a frame that only
    /// moves the selection or ticks a clock costs the rows on screen, not the whole host.
    private func table() -> DashboardTable {
        // What the table previews: the editor's draft, or the rule being proposed.
        var draft = state.editor?.draftText
        if case .proposal(let proposal) = state.overlay { draft = "+" + proposal.rule }
        let key = TableKey(
            snapshot: data.snapshot.version, policy: data.policy.version, enforcer: data.enforcer, builder: state.table,
            draft: draft, refused: data.refused, minute: Int(data.now / 60),
            resources: state.table.sort == .cpu || state.table.sort == .memory ? data.resourcesVersion : 0)
        if let cached = tableCache, cached.key == key { return cached.table }
        let table = state.table.table(data, preview: TablePreview(state), memo: decisions)
        tableCache = (key, table)
        return table
    }

    private var tableCache: (key: TableKey, table: DashboardTable)?
    /// Each container's last decision: a table built after one event judges the one it changed.
    private let decisions = DecisionMemo()

    private struct TableKey: Equatable {
        var snapshot: UInt64
        var policy: UInt64
        var enforcer: EnforcerStatus
        var builder: RowBuilder
        var draft: String?
        var refused: [RefusedCreate]
        /// Refused creates expire: the table is judged again at least once a minute.
        var minute: Int
        /// Sorted by CPU or memory: sorted again with each round of samples.
        var resources: Int
    }

    private func drawFrame(now: Double) {
        data.now = WallClock.seconds()
        state.pageSize =
            DashboardLayout(width: terminal.width, height: terminal.height, overlay: state.overlay).tableRows
        let table = table()
        let rows = table.rows
        DashboardMachine.reconcile(&state, rows: rows)
        let screen = DashboardRenderer.render(
            data: data, state: state, rows: rows, width: terminal.width, height: terminal.height, glyphs: glyphs,
            counts: table.counts)
        // A change that shows nothing new (a container created but not started, say) does not
        // use up the frame slot: the start that follows it is drawn at once.
        if terminal.draw(screen) { lastFrame = now }
        dirty = false
        let visible = rows.dropFirst(state.scrollTop).prefix(state.pageSize)
        // Sampled: the running rows on screen, while the columns show and the table is not covered.
        let tableShown: Bool
        switch state.overlay {
        case .editor, .editorDialog: tableShown = false  // drawn, but under the editor's keys
        default: tableShown = !DashboardRenderer.coversBody(state.overlay)
        }
        let onScreen =
            state.showStats && tableShown
            ? visible.filter { $0.refusal == nil && $0.record.isRunning }.map(\.id) : []
        if onScreen != sampled {
            sampled = onScreen
            stats.show(onScreen)
        }
        let interval = visible.map { StatusText.refreshInterval($0.record, now: data.now) }.min() ?? .infinity
        nextTick = now + min(interval, 60)
    }

    /// Monotonic seconds, for frame pacing.
    static func now() -> Double {
        let elapsed = ContinuousClock.now - processStart
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    private static let processStart = ContinuousClock.now
}

/// What the operator asks of the enforcer from the dashboard (stop these, switch mode), carried out
/// off the UI thread.
struct OperatorActions: Sendable {
    let act: @Sendable ([String], String) -> Void
    let setMode: @Sendable (EnforcementMode) -> Void
}

/// Loads themes by name for the `t` key and `--theme`.
struct ThemeSource: Sendable {
    let catalog: ThemeCatalog
    let capability: ColorCapability

    /// The theme adapted to the terminal, and the error to show when it could not be loaded.
    func load(_ name: String) -> (Theme, String?) {
        let (theme, error) = catalog.loadOrDefault(name)
        return (theme.adapted(to: capability), error.map { "theme: \($0)" })
    }
}
