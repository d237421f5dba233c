import GuardCore

extension DashboardMachine {
    /// How many lines the engine sends back when the view opens, before the live ones.
    static let logTail = 1000

    /// `l`: opens the selected container's logs.
    static func openLogs(state: inout UIState, context: Context) -> [Command] {
        guard let row = viewedContainer(state: &state, context: context, nothing: "no output") else { return [] }
        state.logSession += 1
        state.logs = LogView(containerID: row.record.id, name: row.record.displayName, session: state.logSession)
        state.overlay = .logs
        return [.openLogs(id: row.record.id, session: state.logSession, tail: logTail)]
    }

    /// The selected container for a view of it (logs, inspect): none on a project's header, nor
    /// on a refused create, which never became one (said, with what there is `nothing` of).
    static func viewedContainer(state: inout UIState, context: Context, nothing: String) -> ContainerRow? {
        guard let row = context.selected(state) else { return nil }
        if let group = row.group {
            state.message = .init("\(group.project ?? "no project") is a Compose project's header: select a container")
            return nil
        }
        guard row.refusal == nil else {
            state.message = .init("the plugin refused this create: there is no container, \(nothing)")
            return nil
        }
        return row
    }

    /// Keys in the logs view.
    static func logsKey(_ key: Key, state: inout UIState) -> [Command] {
        guard var view = state.logs else {
            state.overlay = .none
            return []
        }
        if view.searchEditor == nil, [.escape, .character("q"), .character("l")].contains(key) {
            state.logs = nil
            closeView(&state)
            return [.closeLogs(session: view.session)]
        }
        // Keep the view out of `state` while it changes, so its buffer is not copied.
        state.logs = nil
        defer { state.logs = view }
        let page = max(state.pageSize - 1, 1)
        if var editor = view.searchEditor {
            switch editor.handle(key) {
            case .editing: view.searchEditor = editor
            case .submit:
                view.searchEditor = nil
                // An empty search repeats the last one as `n` does, from its last match (`less`).
                var from = view.shownBottom
                if editor.text.isEmpty { from = olderFrom(view, page) } else { view.search = editor.text }
                findLog(in: &view, older: true, from: from, page: page, state: &state)
            case .cancel: view.searchEditor = nil
            case .ignored: break
            }
            return []
        }
        switch key {
        case .character("f"):
            if view.following { view.pause() } else { view.following = true }
        case .character("w"): view.wrap.toggle()
        case .character("t"): view.timestamps.toggle()
        case .character("k"), .up: view.scroll(by: -1, page: page)
        case .character("j"), .down: view.scroll(by: 1, page: page)
        case .pageUp, .control("b"): view.scroll(by: -page, page: page)
        case .pageDown, .control("f"), .character(" "): view.scroll(by: page, page: page)
        case .character("g"), .home: view.scroll(by: -view.buffer.end, page: page)
        case .character("G"), .end: view.following = true
        case .character("/"): view.searchEditor = LineEditor("")
        case .character("?"): openHelp(over: .logs, state: &state)
        case .character("n"):
            findLog(in: &view, older: true, from: olderFrom(view, page), page: page, state: &state)
        case .character("N"):
            // From the last match while it is on screen, else from the top of what is shown.
            let from = view.hit.flatMap { logOnScreen($0, view, page) ? $0 + 1 : nil } ?? (view.shownBottom - page + 1)
            findLog(in: &view, older: false, from: from, page: page, state: &state)
        default: state.message = viewUnknownKeyMessage
        }
        return []
    }

    /// Where `n` (older) searches from: before the last match while it is on screen, else from the
    /// bottom of what is shown (the sixth trial: after `g` or `G` it went on from the old match).
    private static func olderFrom(_ view: LogView, _ page: Int) -> Int {
        view.hit.flatMap { logOnScreen($0, view, page) ? $0 - 1 : nil } ?? view.shownBottom
    }

    private static func logOnScreen(_ line: Int, _ view: LogView, _ page: Int) -> Bool {
        line <= view.shownBottom && line > view.shownBottom - page
    }

    /// Moves the view to the next line matching the search, older or newer, and says so.
    static func findLog(in view: inout LogView, older: Bool, from: Int, page: Int, state: inout UIState) {
        guard !view.search.isEmpty else {
            state.message = noSearchMessage
            return
        }
        guard let line = view.buffer.search(view.search, from: from, older: older) else {
            state.message = .init("no \(older ? "older" : "newer") line with '\(view.search)'")
            return
        }
        view.pause()
        view.hit = line
        // The hit a few lines above the bottom, so what follows it shows too.
        view.bottom = min(line + min(page / 3, max(view.buffer.end - 1 - line, 0)), view.buffer.end - 1)
        view.bottom = max(view.bottom, min(view.buffer.first + page - 1, view.buffer.end - 1))
        state.message = .init("'\(view.search)' at line \(line + 1)")
    }

    /// Lines from the engine for the view open as `session`; lines of a closed view are dropped.
    /// `skippedBefore`: lines that never arrived before these, because the dashboard fell behind.
    public static func receiveLogs(
        _ entries: [LogEntry], skippedBefore: Int = 0, session: Int, state: inout UIState
    ) {
        guard state.logs?.session == session else { return }
        state.logs?.opening = false
        state.logs?.buffer.append(contentsOf: entries, skippedBefore: skippedBefore)
    }

    /// The stream of `session` is open, whether or not anything came yet.
    public static func logsOpened(session: Int, state: inout UIState) {
        guard state.logs?.session == session else { return }
        state.logs?.opening = false
    }

    /// The stream of `session` ended; `error` says why when it was not the engine's normal end.
    public static func logsEnded(session: Int, error: String?, state: inout UIState) {
        guard state.logs?.session == session else { return }
        state.logs?.opening = false
        state.logs?.ended = error ?? ""
    }
}
