import GuardCore

extension DashboardMachine {
    /// News from the world: how a command ended.
    public static func handle(_ event: AppEvent, state: inout UIState, path: String) -> [Command] {
        switch event {
        case .saved(let description, let before, let after):
            state.history.append(.init(description: description, before: before, after: after))
            state.message = .init("saved: \(description)")
            if var editor = state.editor {
                editor.base = after
                editor.document = .init(text: after)
                editor.cursor = min(editor.cursor, max(editor.document.lines.count - 1, 0))
                editor.revalidate()
                state.overlay = .editor(editor)
            }
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
        case .failed(let message):
            state.message = .init(message, isError: true)
        case .info(let message):
            state.message = .init(message)
        }
        return []
    }
}
