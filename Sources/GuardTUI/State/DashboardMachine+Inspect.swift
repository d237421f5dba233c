import GuardCore

extension DashboardMachine {
    /// `i`: asks for the selected container's inspect; the view shows "reading" until it comes.
    static func openInspect(state: inout UIState, context: Context) -> [Command] {
        guard let row = viewedContainer(state: &state, context: context, nothing: "nothing to inspect") else {
            return []
        }
        state.inspectSession += 1
        state.overlay = .inspect(
            InspectView(containerID: row.record.id, name: row.record.displayName, session: state.inspectSession))
        return [.inspect(id: row.record.id, session: state.inspectSession)]
    }

    /// Keys in the inspect view.
    static func inspectKey(_ key: Key, view: InspectView, state: inout UIState) -> [Command] {
        var view = view
        let page = max(state.pageSize - (view.searchEditor == nil ? 0 : 1), 1)
        defer {
            if case .inspect = state.overlay { state.overlay = .inspect(view) }
        }
        if var editor = view.searchEditor {
            switch editor.handle(key) {
            case .editing: view.searchEditor = editor
            case .submit:
                view.searchEditor = nil
                // An empty search repeats the last one as `n` does (`less`); a new one starts at the top
                // of the view.
                var from = view.top
                if editor.text.isEmpty { from = nextFrom(view, page) } else { view.search = editor.text }
                findInspect(&view, from: from, backwards: false, page: page, state: &state)
            case .cancel: view.searchEditor = nil
            case .ignored: break
            }
            return []
        }
        switch key {
        case .escape, .character("q"), .character("i"):
            closeView(&state)
            return []
        case .character("j"), .down: view.top += 1
        case .character("k"), .up: view.top -= 1
        case .pageDown, .control("f"), .character(" "): view.top += page
        case .pageUp, .control("b"): view.top -= page
        case .character("g"), .home: view.top = 0
        case .character("G"), .end: view.top = view.lineCount
        case .character("/"): view.searchEditor = LineEditor("")
        case .character("?"): openHelp(over: .inspect(view), state: &state)
        case .character("n"):
            // From the last match while it is on screen, else from where the view is (the fourth
            // trial: after G, n went back up to the match after the last one).
            findInspect(&view, from: nextFrom(view, page), backwards: false, page: page, state: &state)
        case .character("N"):
            let from = view.hit.flatMap { onScreen($0, view, page) ? $0 - 1 : nil } ?? (view.top + page - 1)
            findInspect(&view, from: from, backwards: true, page: page, state: &state)
        case .character("M"):
            let count = view.text?.secretCount ?? 0
            // Nothing masked: say so, rather than "0 secret values shown" (a trial found it).
            guard count > 0 || view.showSecrets else {
                state.message = .init("nothing masked here: no environment value looks secret")
                break
            }
            view.showSecrets.toggle()
            state.message = .init(
                view.showSecrets
                    ? "\(count) secret value\(count == 1 ? "" : "s") shown: M masks them again"
                    : "secret values masked")
        default: state.message = viewUnknownKeyMessage
        }
        view.clamp(page: page)
        return []
    }

    private static func onScreen(_ line: Int, _ view: InspectView, _ page: Int) -> Bool {
        line >= view.top && line < view.top + page
    }

    /// Where `n` searches from: after the last match while it is on screen, else the view's top.
    private static func nextFrom(_ view: InspectView, _ page: Int) -> Int {
        view.hit.flatMap { onScreen($0, view, page) ? $0 + 1 : nil } ?? view.top
    }

    /// Moves the view to the next line with the search, down or up, and says where. Past the last
    /// (or first) match it goes on from the other end, as vim does: the text is one document.
    static func findInspect(_ view: inout InspectView, from: Int, backwards: Bool, page: Int, state: inout UIState) {
        guard !view.search.isEmpty else {
            state.message = noSearchMessage
            return
        }
        var wrapped = false
        var found = view.find(from: from, backwards: backwards)
        if found == nil {
            found = view.find(from: backwards ? view.lineCount - 1 : 0, backwards: backwards)
            wrapped = found != nil
        }
        guard let line = found else {
            state.message = .init("no line with '\(view.search)'")
            return
        }
        view.hit = line
        if line < view.top || line >= view.top + page { view.top = line - page / 3 }
        view.clamp(page: page)
        let note = wrapped ? (backwards ? " (went on from the bottom)" : " (went on from the top)") : ""
        state.message = .init("'\(view.search)' at line \(line + 1) of \(view.lineCount)\(note)")
    }

    /// The inspect of `session`'s container came (or could not be read: `error`).
    public static func receiveInspect(json: String?, error: String?, session: Int, state: inout UIState) {
        guard case .inspect(var view) = state.overlay, view.session == session else { return }
        if let json { view.text = InspectText(json: json) }
        view.error = error
        state.overlay = .inspect(view)
    }
}
