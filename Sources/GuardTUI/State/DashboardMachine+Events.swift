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
            var editor = AllowListEditor(text: text, path: path)
            if let open = state.editor {
                // Read again (an undo, a reload): the selection stays where it was.
                editor.cursor = min(open.cursor, max(editor.document.lines.count - 1, 0))
                editor.scrollTop = min(open.scrollTop, editor.cursor)
            }
            state.overlay = .editor(editor)
        case .acted(let outcomes):
            guard !outcomes.isEmpty else { break }
            state.message = .init(actionReport(outcomes), isError: outcomes.contains { $0.failure != nil })
        case .failed(let message):
            state.message = .init(message, isError: true)
        case .info(let message):
            state.message = .init(message)
        }
        return []
    }

    /// The guard's own actions (enforce mode, a switch to it): while their report still shows,
    /// the ones that finish later join it, so a switch that stops five reports five, not the last.
    /// It says how many are still `underWay` (the seventh trial saw a report of two while two
    /// more were stopping, and took it for all).
    public static func guardActed(_ outcomes: some Collection<ActionOutcome>, underWay: Int = 0, state: inout UIState) {
        let showing = state.guardReport.flatMap { state.message == $0.message ? $0 : nil }
        guard !outcomes.isEmpty || (showing != nil && showing?.underWay != underWay) else { return }
        let batch = (showing?.outcomes ?? []) + outcomes
        let more = underWay > 0 ? "; \(underWay) more under way" : ""
        let message = UIState.Message(actionReport(batch) + more, isError: batch.contains { $0.failure != nil })
        state.message = message
        state.guardReport = .init(outcomes: batch, underWay: underWay, message: message)
    }

    /// `kill web-1: done`, or for several `kill 3: miner done, shell done, x failed: …`: every
    /// container named, so a batch is never reported by its last member alone. More than fit on
    /// a line are counted, the failures named: `stop 12: 11 done, x failed: …`.
    static func actionReport(_ outcomes: [ActionOutcome]) -> String {
        if outcomes.count == 1 { return outcomes[0].summary }
        let action = Set(outcomes.map(\.action)).count == 1 ? outcomes[0].action : nil
        let failed = outcomes.filter { $0.failure != nil }
        let each: [String]
        if outcomes.count > Self.namedInReport {
            let done = outcomes.count - failed.count
            each = (done > 0 ? ["\(done) done"] : []) + failed.map(outcomeText)
        } else {
            each = outcomes.map { (action == nil ? $0.action + " " : "") + outcomeText($0) }
        }
        return "\(action ?? "acted on") \(outcomes.count): " + each.joined(separator: ", ")
    }

    /// Containers a report names one by one.
    static let namedInReport = 5

    private static func outcomeText(_ outcome: ActionOutcome) -> String {
        "\(outcome.containerName) " + (outcome.failure.map { "failed: \($0)" } ?? "done")
    }
}
