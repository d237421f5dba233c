import GuardCore

extension DashboardMachine {
    /// A question over the table. y/N questions default to No: any key but `y` cancels.
    static func dialogKey(_ key: Key, dialog: Dialog, state: inout UIState, context: Context) -> [Command] {
        if case .stopAllViolating(let targets, let action) = dialog.kind {
            return typedConfirmation(key, dialog: dialog, targets: targets, action: action, state: &state)
        }
        if case .mode(let current, _, _) = dialog.kind {
            return modeChoice(key, current: current, state: &state)
        }
        state.overlay = .none
        guard key == .character("y") || key == .character("Y") else {
            state.message = .init("cancelled")
            return []
        }
        if dialog.fromMarks { state.marked = [] }
        switch dialog.kind {
        case .stop(let targets, _): return [.act(ids: targets.map(\.id), cause: "operator")]
        case .approve(let target, _): return [.act(ids: [target.id], cause: "operator approved")]
        case .approveAll(let targets, _): return [.act(ids: targets.map(\.id), cause: "operator approved")]
        case .removeRule(let line, let text, _): return [.removeRule(line: line, expected: text)]
        case .discardEdits(let thenQuit):
            if thenQuit {
                state.quitting = true
                return [.quit]
            }
            return []
        case .stopAllViolating, .mode, .fileChanged: return []
        }
    }

    /// `m`'s answer: `a`, `c` or `e`; any other key keeps the mode.
    static func modeChoice(_ key: Key, current: EnforcementMode, state: inout UIState) -> [Command] {
        state.overlay = .none
        let chosen: EnforcementMode? =
            switch key {
            case .character("a"): .audit
            case .character("c"): .confirm
            case .character("e"): .enforce
            default: nil
            }
        guard let chosen else {
            state.message = .init("cancelled: still in \(current.rawValue) mode")
            return []
        }
        guard chosen != current else {
            state.message = .init("already in \(current.rawValue) mode")
            return []
        }
        return [.setMode(chosen)]
    }

    /// `S` asks for the number of containers to be typed, so that no stray key stops them all.
    static func typedConfirmation(
        _ key: Key, dialog: Dialog, targets: [Dialog.Target], action: String, state: inout UIState
    ) -> [Command] {
        var dialog = dialog
        switch dialog.typed.handle(key) {
        case .editing, .ignored:
            state.overlay = .dialog(dialog)
            return []
        case .cancel:
            state.overlay = .none
            state.message = .init("cancelled")
            return []
        case .submit:
            guard dialog.typed.text.trimmingWhitespace() == "\(targets.count)" else {
                // A slip of the finger: say so and let the operator type again.
                dialog.error = "typed '\(dialog.typed.text)', not \(targets.count): nothing was done"
                dialog.typed = LineEditor()
                state.overlay = .dialog(dialog)
                return []
            }
            state.overlay = .none
            return [.act(ids: targets.map(\.id), cause: "operator (all violating)")]
        }
    }

    /// A question asked from the editor panel, which stays open beneath it.
    static func editorDialogKey(_ key: Key, editor: AllowListEditor, dialog: Dialog, state: inout UIState) -> [Command]
    {
        switch dialog.kind {
        case .fileChanged(let draft):
            switch key {
            case .character("r"):
                state.overlay = .editor(editor)
                state.message = .init("reloaded from disk: your edits were dropped")
                return [.openEditor]
            case .character("o"):
                state.overlay = .editor(editor)
                return [.saveDraft(text: draft, base: editor.base, overwrite: true)]
            case .escape: state.overlay = .editor(editor)
            default: break
            }
            return []
        case .discardEdits(let thenQuit):
            guard key == .character("y") || key == .character("Y") else {
                state.overlay = .editor(editor)
                return []
            }
            state.overlay = .none
            if thenQuit {
                state.quitting = true
                return [.quit]
            }
            state.message = .init("edits discarded")
            return []
        default:
            state.overlay = .editor(editor)
            return []
        }
    }
}
