import GuardCore

extension DashboardMachine {
    /// Keys in the decision timeline.
    static func timelineKey(_ key: Key, view: TimelineView, state: inout UIState, context: Context) -> [Command] {
        var view = view
        let rows = view.rows(context.data.timeline)
        if var editor = view.filterEditor {
            switch editor.handle(key) {
            case .editing:
                view.filterEditor = editor
                view.filter = editor.text
                view.selected = 0
                view.scrollTop = 0
            case .submit: view.filterEditor = nil
            case .cancel:
                view.filterEditor = nil
                view.filter = ""
            case .ignored: break
            }
            state.overlay = .timeline(view)
            return []
        }
        let page = max(state.pageSize - 1, 1)
        switch key {
        case .escape where !view.filter.isEmpty:
            // As k9s does: Esc takes the filter off first, then leaves.
            view.filter = ""
            view.selected = 0
            view.scrollTop = 0
            state.message = .init("filter off \u{2014} Esc again closes the decisions")
        case .escape, .character("q"), .character("v"):
            closeView(&state)
            return []
        case .character("j"), .down: view.selected += 1
        case .character("k"), .up: view.selected -= 1
        case .pageDown, .control("f"): view.selected += page
        case .pageUp, .control("b"): view.selected -= page
        case .character("g"), .home: view.selected = 0
        case .character("G"), .end: view.selected = rows.count - 1
        case .character("/"): view.filterEditor = LineEditor(view.filter)
        case .character("?"):
            openHelp(over: .timeline(view), state: &state)
            return []
        case .enter:
            guard rows.indices.contains(view.selected) else { return [] }
            return jump(to: rows[view.selected], state: &state, context: context)
        default: state.message = viewUnknownKeyMessage
        }
        view.selected = min(max(view.selected, 0), max(rows.count - 1, 0))
        if view.selected < view.scrollTop { view.scrollTop = view.selected }
        if view.selected >= view.scrollTop + page { view.scrollTop = view.selected - page + 1 }
        state.overlay = .timeline(view)
        return []
    }

    /// Enter on a record: the table, with its container selected when it still exists.
    static func jump(to record: AuditRecord, state: inout UIState, context: Context) -> [Command] {
        let name = record.containerName.hasPrefix("/") ? String(record.containerName.dropFirst()) : record.containerName
        guard let container = context.data.snapshot.containers.first(where: { $0.id == record.containerID }) else {
            state.message = .init("\(name) no longer exists")
            return []
        }
        state.overlay = .none
        // A folded project opens, so its container's row shows.
        state.table.folded.remove(container.labels[ProjectGroup.label] ?? ProjectGroup.noProjectKey)
        if !context.rows.contains(where: { $0.id == container.id }) {
            // Hidden by the filter or stopped: shown again so the selection can land on it.
            state.table.filter = ""
            if !container.isRunning { state.table.showStopped = true }
        }
        let rows = state.table.rows(context.data)
        if let index = rows.firstIndex(where: { $0.id == container.id }) {
            select(index, state: &state, rows: rows)
        }
        return []
    }
}
