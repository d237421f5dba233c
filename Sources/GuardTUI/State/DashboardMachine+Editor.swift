import GuardCore

extension DashboardMachine {
    /// The allow-list panel: move, edit a line, add, delete, save, close.
    static func editorKey(_ key: Key, editor: AllowListEditor, state: inout UIState, readonly: Bool) -> [Command] {
        var editor = editor
        // A message is about the last key: a stale "not saved: …" must not outlive its fix.
        state.message = nil
        if let editing = editor.editing {
            lineEditKey(key, editing: editing, editor: &editor)
            state.overlay = .editor(editor)
            return []
        }
        let count = editor.document.lines.count
        if readonly, Self.editorChangeKeys.contains(key) {
            state.message = readonlyMessage
            return []
        }
        switch key {
        case .character("j"), .down: editor.cursor = min(editor.cursor + 1, max(count - 1, 0))
        case .character("k"), .up: editor.cursor = max(editor.cursor - 1, 0)
        case .character("g"), .home: editor.cursor = 0
        case .character("G"), .end: editor.cursor = max(count - 1, 0)
        case .pageDown: editor.cursor = min(editor.cursor + max(state.pageSize, 1), max(count - 1, 0))
        case .pageUp: editor.cursor = max(editor.cursor - max(state.pageSize, 1), 0)
        case .enter, .character("i"):
            editor.editing =
                count == 0
                ? .init(line: 0, isNew: true, editor: LineEditor())
                : .init(line: editor.cursor, isNew: false, editor: LineEditor(editor.document.lines[editor.cursor]))
        case .character("o"):
            editor.editing = .init(line: count == 0 ? 0 : editor.cursor + 1, isNew: true, editor: LineEditor())
        case .character("O"): editor.editing = .init(line: editor.cursor, isNew: true, editor: LineEditor())
        case .character("x"), .delete, .character("d"):
            guard count > 0 else { break }
            editor.rememberStep()
            _ = editor.document.remove(line: editor.cursor + 1)
            editor.cursor = min(editor.cursor, max(editor.document.lines.count - 1, 0))
            editor.revalidate()
        case .character("w"), .control("s"): return saveEditor(editor, state: &state)
        case .character("u"):
            if editor.undoUnsavedStep() {
                state.message = .init(
                    "undid an unsaved change" + (editor.isDirty ? "" : ": the draft is the file again"))
                break
            }
            guard !editor.isDirty else {
                state.message = .init("save (w) or discard (Esc) your edits before undoing")
                break
            }
            guard let last = state.history.last else {
                state.message = nothingToUndo(state)
                break
            }
            state.overlay = .editor(editor)
            return [.restore(text: last.before, expected: last.after)]
        case .escape:
            state.overlay = editor.isDirty ? .editorDialog(editor, Dialog(.discardEdits(thenQuit: false))) : .none
            return []
        case .character("q"):
            if editor.isDirty {
                state.overlay = .editorDialog(editor, Dialog(.discardEdits(thenQuit: true)))
                return []
            }
            state.quitting = true
            return [.quit]
        case .character("?"):
            // Back to the editor after, unsaved edits and all (the sixth trial lost them here).
            openHelp(over: .editor(editor), state: &state)
            return []
        default: break
        }
        state.overlay = .editor(editor)
        return []
    }

    /// The panel's keys that change the list: refused when read-only, where it can only be read.
    static let editorChangeKeys: Set<Key> = [
        .enter, .character("i"), .character("o"), .character("O"), .character("x"), .delete, .character("d"),
        .character("w"), .control("s"), .character("u"),
    ]

    /// Keys while one line is being edited; the draft is re-checked as it is typed.
    static func lineEditKey(_ key: Key, editing: AllowListEditor.Editing, editor: inout AllowListEditor) {
        var editing = editing
        switch editing.editor.handle(key) {
        case .editing, .ignored:
            editor.editing = editing
        case .submit:
            if editing.isNew || editor.document.lines[editing.line] != editing.editor.text { editor.rememberStep() }
            if editing.isNew {
                _ = editor.document.insert(editing.editor.text, at: editing.line + 1)
            } else {
                _ = editor.document.replace(line: editing.line + 1, with: editing.editor.text)
            }
            editor.cursor = editing.line
            editor.editing = nil
        case .cancel:
            editor.editing = nil
        }
        editor.revalidate()
    }

    /// `w`: an invalid draft is never saved; the file must still be what the panel opened.
    static func saveEditor(_ editor: AllowListEditor, state: inout UIState) -> [Command] {
        state.overlay = .editor(editor)
        if let first = editor.errors.first {
            state.message = .init(
                "not saved: line \(first.line), column \(first.column): \(first.message)", isError: true)
            return []
        }
        guard editor.isDirty else {
            state.message = .init("no changes to save")
            return []
        }
        return [.saveDraft(text: editor.draftText, base: editor.base, overwrite: false)]
    }
}
