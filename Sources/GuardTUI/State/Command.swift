import GuardCore

/// What the state machine asks the world to do; the app carries it out and reports back with an
/// ``AppEvent``. Commands are plain values, so key handling is tested without an engine or a file.
public enum Command: Sendable, Equatable {
    /// Reads the allow-list file for the editor panel (answered with ``AppEvent/opened(text:)``).
    case openEditor
    /// Adds a rule at the end of the allow-list file on disk.
    case appendRule(String)
    /// Removes line `line` of the file, provided it still reads `expected`.
    case removeRule(line: Int, expected: String)
    /// Writes the editor's whole draft, provided the file still holds `base` (or regardless, when
    /// `overwrite`).
    case saveDraft(text: String, base: String, overwrite: Bool)
    /// Undo: puts `text` back, provided the file still holds `expected`.
    case restore(text: String, expected: String)
    /// The configured action on these containers, by the operator (stop keys, approvals).
    case act(ids: [String], cause: String)
    case setMode(EnforcementMode)
    /// The theme changed: the backend reloads its colours.
    case applyTheme(String)
    /// Follows container `id`'s output for the logs view `session` (the last `tail` lines first).
    case openLogs(id: String, session: Int, tail: Int)
    /// The logs view closed: its stream ends.
    case closeLogs(session: Int)
    /// Reads container `id`'s inspect for the inspect view `session`.
    case inspect(id: String, session: Int)
    /// `x`: a shell in container `id` (`docker exec -it … sh`), the dashboard suspended meanwhile.
    case exec(id: String, name: String)
    case quit
}

/// What happened to a command, or news the state machine must hear about.
public enum AppEvent: Sendable, Equatable {
    /// The file was written; `before` and `after` are its whole text, for undo.
    case saved(description: String, before: String, after: String)
    /// An undo was written: the newest saved change is no longer in the file.
    case undone(description: String)
    /// The file on disk is not what the edit was based on.
    case conflict(disk: String)
    /// An undo found the file changed since the save it would undo: it can never apply.
    case undoConflict
    /// How the operator's action on each container ended (the stop keys, approvals).
    case acted([ActionOutcome])
    /// The allow-list file's text, for the editor panel.
    case opened(text: String)
    case failed(String)
    case info(String)
}
