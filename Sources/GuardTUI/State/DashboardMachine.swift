import GuardCore

/// The dashboard's key handling: a pure function from (state, key, what is on screen) to a new
/// state and the commands to carry out. Keys go to the topmost overlay first.
public enum DashboardMachine {
    /// What a key is judged against: the data on screen and the rows as they are shown.
    public struct Context: Sendable {
        public var data: DashboardData
        public var rows: [ContainerRow]

        public init(data: DashboardData, rows: [ContainerRow]) {
            self.data = data
            self.rows = rows
        }

        /// The selected row, if the table has any.
        func selected(_ state: UIState) -> ContainerRow? {
            if let id = state.selectedID, let row = rows.first(where: { $0.id == id }) { return row }
            return rows.indices.contains(state.selectedIndex) ? rows[state.selectedIndex] : nil
        }
    }

    static let readonlyMessage = UIState.Message("read-only: nothing can be stopped or edited", isError: true)

    /// Handles one key press.
    public static func handle(_ key: Key, state: inout UIState, context: Context) -> [Command] {
        if key == .resize { return [] }
        switch state.overlay {
        case .none: return tableKey(key, state: &state, context: context)
        case .help, .detail: return viewerKey(key, state: &state, context: context)
        case .filter(let editor): return filterKey(key, editor: editor, state: &state)
        case .proposal(let proposal): return proposalKey(key, proposal: proposal, state: &state, context: context)
        case .dialog(let dialog): return dialogKey(key, dialog: dialog, state: &state, context: context)
        case .editor(let editor):
            return editorKey(key, editor: editor, state: &state, readonly: context.data.enforcer.readonly)
        case .editorDialog(let editor, let dialog):
            return editorDialogKey(key, editor: editor, dialog: dialog, state: &state)
        case .logs: return logsKey(key, state: &state)
        case .timeline(let view): return timelineKey(key, view: view, state: &state, context: context)
        case .inspect(let view): return inspectKey(key, view: view, state: &state)
        }
    }

    /// Keeps the selection on the same container as rows come and go (on the first row until the
    /// operator moves it), and on screen.
    public static func reconcile(_ state: inout UIState, rows: [ContainerRow]) {
        if state.selectionChosen, let id = state.selectedID, let index = rows.firstIndex(where: { $0.id == id }) {
            state.selectedIndex = index
        } else {
            state.selectedIndex = rows.isEmpty ? 0 : min(max(state.selectedIndex, 0), rows.count - 1)
            state.selectedID = rows.isEmpty ? nil : rows[state.selectedIndex].id
        }
        let page = max(state.pageSize, 1)
        if state.selectedIndex < state.scrollTop { state.scrollTop = state.selectedIndex }
        if state.selectedIndex >= state.scrollTop + page { state.scrollTop = state.selectedIndex - page + 1 }
        state.scrollTop = max(0, min(state.scrollTop, max(rows.count - page, 0)))
    }

    /// Moves the selection to `index` (clamped).
    static func select(_ index: Int, state: inout UIState, rows: [ContainerRow]) {
        guard !rows.isEmpty else { return }
        state.selectionChosen = true
        state.selectedIndex = min(max(index, 0), rows.count - 1)
        state.selectedID = rows[state.selectedIndex].id
        reconcile(&state, rows: rows)
    }

    /// j/k, arrows, g/G, Home/End, PgUp/PgDn; true when `key` was one of them.
    static func navigate(_ key: Key, state: inout UIState, rows: [ContainerRow]) -> Bool {
        let page = max(state.pageSize, 1)
        switch key {
        case .character("j"), .down: select(state.selectedIndex + 1, state: &state, rows: rows)
        case .character("k"), .up: select(state.selectedIndex - 1, state: &state, rows: rows)
        case .character("g"), .home: select(0, state: &state, rows: rows)
        case .character("G"), .end: select(rows.count - 1, state: &state, rows: rows)
        case .pageDown, .control("f"): select(state.selectedIndex + page, state: &state, rows: rows)
        case .pageUp, .control("b"): select(state.selectedIndex - page, state: &state, rows: rows)
        case .control("d"): select(state.selectedIndex + page / 2, state: &state, rows: rows)
        case .control("u"): select(state.selectedIndex - page / 2, state: &state, rows: rows)
        default: return false
        }
        return true
    }

    /// Back to the table from a view; the view's last message goes with it.
    static func closeView(_ state: inout UIState) {
        state.overlay = .none
        state.message = nil
    }

    /// `?` from a view: the help over it, and the view again when the help closes.
    static func openHelp(over view: Overlay, state: inout UIState) {
        state.underHelp = view
        state.overlay = .help
        state.helpScroll = 0
        state.message = nil
    }

    /// Help and detail: read, move, close.
    static func viewerKey(_ key: Key, state: inout UIState, context: Context) -> [Command] {
        if case .detail = state.overlay, key == .character("?") {
            openHelp(over: state.overlay, state: &state)
            return []
        }
        if case .detail = state.overlay, navigate(key, state: &state, rows: context.rows) { return [] }
        if case .help = state.overlay,
            scrollHelp(key, state: &state, exec: state.canExec && !context.data.enforcer.readonly)
        {
            return []
        }
        switch key {
        case .escape, .enter, .character("q"), .character("?"):
            state.overlay = state.underHelp ?? .none
            state.underHelp = nil
            state.message = nil
        default:
            // As on the table, a key that does nothing says so.
            if case .help = state.overlay { state.message = helpUnknownKeyMessage }
        }
        return []
    }

    static let helpUnknownKeyMessage = UIState.Message("unknown key \u{2014} Esc closes the help")

    /// j/k, arrows, PgUp/PgDn, g/G in the help overlay; true when `key` was one of them.
    static func scrollHelp(_ key: Key, state: inout UIState, exec: Bool) -> Bool {
        let count = HelpView(glyphs: .ascii, exec: exec).lines.count
        let page = max(state.pageSize - 1, 1)
        let last = max(count - page, 0)
        switch key {
        case .character("j"), .down: state.helpScroll += 1
        case .character("k"), .up: state.helpScroll -= 1
        case .pageDown, .control("f"), .character(" "): state.helpScroll += page
        case .pageUp, .control("b"): state.helpScroll -= page
        case .character("g"), .home: state.helpScroll = 0
        case .character("G"), .end: state.helpScroll = last
        default: return false
        }
        state.helpScroll = min(max(state.helpScroll, 0), last)
        return true
    }

    /// `/`: the table filters as the operator types; Enter keeps the filter, Esc clears it.
    static func filterKey(_ key: Key, editor: LineEditor, state: inout UIState) -> [Command] {
        var editor = editor
        switch editor.handle(key) {
        case .editing:
            state.table.filter = editor.text
            state.overlay = .filter(editor)
        case .submit: state.overlay = .none
        case .cancel:
            state.table.filter = ""
            state.overlay = .none
        case .ignored: break
        }
        return []
    }
}
