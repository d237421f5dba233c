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

    /// The guard's own actions (enforce mode, a switch to it), said on the status line as they
    /// go: `stop: 4 under way…` once they start, then each one done joins one report, with those
    /// still `underWay` counted (`stop 2: a done, b done; 2 more under way`). A report goes on as
    /// long as it shows or has actions under way (the eighth trial saw one switch reported as
    /// `stop 2` and, after the message had gone, `stop 5`), so a switch is reported once, whole.
    public static func guardActed(
        _ outcomes: some Collection<ActionOutcome>, underWay: Int = 0, action: String = "act", state: inout UIState
    ) {
        let shows = state.guardReport.map { state.message == $0.message } ?? false
        let current = state.guardReport.flatMap { shows || $0.underWay > 0 ? $0 : nil }
        if outcomes.isEmpty {
            // Only a count that changed: said while the report shows, kept while it does not (a
            // report with none left under way is over), or the start of a new one.
            if shows {
                guard current?.underWay != underWay else { return }
            } else if current != nil {
                state.guardReport?.underWay = underWay
                return
            } else if underWay == 0 {
                return
            }
        }
        let batch = (current?.outcomes ?? []) + outcomes
        let text =
            batch.isEmpty
            ? "\(action): \(underWay) under way\u{2026}"
            : actionReport(batch) + (underWay > 0 ? "; \(underWay) more under way" : "")
        let message = UIState.Message(text, isError: batch.contains { $0.failure != nil })
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
