import GuardCore

/// The allow-list panel (`e`): the file's lines, comments included, edited in place.
public struct AllowListEditor: Sendable, Equatable {
    /// The file's text when the panel opened or last saved: a save checks the disk still holds it.
    public var base: String
    /// The draft, line by line, endings kept.
    public var document: AllowListDocument
    /// Selected line, 0-based; `document.lines.count` would be past the end.
    public var cursor = 0
    public var scrollTop = 0
    /// The line being edited, if any.
    public var editing: Editing?
    /// Problems in the draft (with the line being edited as it stands), empty when it is valid.
    public var errors: [AllowListError] = []
    /// Rules of a valid draft that cannot match, repeat or add nothing (they still apply).
    public var warnings: [AllowListWarning] = []
    /// The draft before each change not yet saved, newest last: `u` steps back through these
    /// before it undoes saves. A save (or a reload) starts them afresh.
    public var unsavedSteps: [Step] = []

    public struct Step: Sendable, Equatable {
        public var document: AllowListDocument
        public var cursor: Int
    }

    public struct Editing: Sendable, Equatable {
        /// 0-based line index; for a new line, where it will be inserted.
        public var line: Int
        public var isNew: Bool
        public var editor: LineEditor
    }

    public init(text: String, path: String) {
        base = text
        document = AllowListDocument(text: text)
        self.path = path
        revalidate()
    }

    /// The file path, for messages and the panel title.
    public var path: String

    /// Keeps the draft as it is, for `u`, before a change to it.
    public mutating func rememberStep() {
        unsavedSteps.append(Step(document: document, cursor: cursor))
    }

    /// Puts back the draft before the last unsaved change; false when there is none.
    public mutating func undoUnsavedStep() -> Bool {
        guard let step = unsavedSteps.popLast() else { return false }
        document = step.document
        cursor = min(step.cursor, max(document.lines.count - 1, 0))
        revalidate()
        return true
    }

    /// Whether the draft differs from the file it was based on.
    public var isDirty: Bool { draftText != base }

    /// The draft as it would be saved, the line under edit included.
    public var draftText: String {
        var draft = document
        if let editing {
            if editing.isNew {
                _ = draft.insert(editing.editor.text, at: editing.line + 1)
            } else {
                _ = draft.replace(line: editing.line + 1, with: editing.editor.text)
            }
        }
        return draft.text()
    }

    /// The draft parsed, when valid: the table previews what it would allow. Kept by
    /// ``revalidate()``, which parses the draft anyway, so a frame never parses it again.
    public private(set) var draftList: AllowList?

    /// Re-checks the draft after a change.
    public mutating func revalidate() {
        switch AllowList.parse(draftText, path: path) {
        case .success(let list):
            errors = []
            warnings = list.warnings
            draftList = list
        case .failure(let problems):
            errors = problems.errors
            warnings = []
            draftList = nil
        }
    }

    /// The error on `line` (0-based), if any.
    public func error(onLine line: Int) -> AllowListError? {
        errors.first { $0.line == line + 1 }
    }
}
