import GuardCore

extension DashboardMachine {
    /// News from the world: how a command ended.
    public static func handle(_ event: AppEvent, state: inout UIState, path: String) -> [Command] {
        switch event {
        case .saved(let description, let before, let after):
            var text = "saved: \(description)"
            if let last = state.history.last, last.after != before {
                // The file changed outside the dashboard since the last save (an overwrite, say):
                // older steps can no longer be undone in order, so they end here, and `u` says why.
                state.history.removeAll()
                state.historyNote = "the file changed outside the dashboard before the last save"
                text += " (it had changed on disk: older undo steps dropped)"
            }
            state.history.append(.init(description: description, before: before, after: after))
            state.message = .init(text)
            if var editor = state.editor {
                editor.base = after
                editor.document = .init(text: after)
                editor.unsavedSteps = []
                editor.cursor = min(editor.cursor, max(editor.document.lines.count - 1, 0))
                editor.revalidate()
                state.overlay = .editor(editor)
            }
        case .undoConflict:
            state.history.removeAll()
            state.historyNote = "the file changed outside the dashboard since the last save"
            state.message = .init(
                "cannot undo: the allow-list changed on disk since the last save; undo history cleared", isError: true)
            if state.editor != nil { return [.openEditor] }
        case .undone(let description):
            if !state.history.isEmpty { state.history.removeLast() }
            state.message = .init("undone: \(description)")
            if state.editor != nil { return [.openEditor] }
        case .conflict:
            if let editor = state.editor {
                state.overlay = .editorDialog(editor, Dialog(.fileChanged(draft: editor.draftText)))
            } else {
                state.message = .init(
                    "the allow-list changed on disk meanwhile: nothing saved, try again", isError: true)
            }
        case .opened(let text):
            state.overlay = .editor(AllowListEditor(text: text, path: path))
        case .acted(let outcomes):
            state.actionsUnderWay = max(state.actionsUnderWay - 1, 0)
            guard !outcomes.isEmpty else { break }
            state.message = .init(actionReport(outcomes), isError: outcomes.contains { $0.failure != nil })
        case .failed(let message):
            state.message = .init(message, isError: true)
        case .info(let message):
            state.message = .init(message)
        }
        return []
    }

    /// `kill web-1: done`, or for several `kill 3: miner done, shell done, x failed: …`: every
    /// container named, so a batch is never reported by its last member alone.
    static func actionReport(_ outcomes: [ActionOutcome]) -> String {
        if outcomes.count == 1 { return outcomes[0].summary }
        let each = outcomes.map { "\($0.containerName) " + ($0.failure.map { "failed: \($0)" } ?? "done") }
        return "\(outcomes[0].action) \(outcomes.count): " + each.joined(separator: ", ")
    }
}
