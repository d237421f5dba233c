import GuardCore

/// A question the operator must answer before anything happens.
public struct Dialog: Sendable, Equatable {
    public var kind: Kind
    /// For questions answered by typing (the count of containers to stop).
    public var typed = LineEditor()
    /// Why the last answer was refused (a wrong count); the dialog stays open to try again.
    public var error: String?
    /// Asked for the marked rows: answering yes clears the marks.
    public var fromMarks = false
    /// Marked rows the question leaves out (not pending, for `y`): said, not silently dropped.
    public var marksLeftOut = 0

    public init(_ kind: Kind) {
        self.kind = kind
    }

    public enum Kind: Sendable, Equatable {
        /// `s`: y/N, default No.
        case stop([Target], action: String)
        /// `S`: stop every violating container; confirmed by typing their count.
        case stopAllViolating([Target], action: String)
        /// `y`: carry out the action on the selected pending violation.
        case approve(Target, action: String)
        /// `Y`: carry out the action on every pending violation.
        case approveAll([Target], action: String)
        /// `m`: which mode, each said in a line; enforce's lists the violating containers it would
        /// act on at once. Any mode can be reached from any other without passing through enforce.
        case mode(current: EnforcementMode, action: String, targets: [Target] = [])
        /// `d`: remove the rule at `line`, which allows `containers` (the selected one first).
        case removeRule(line: Int, text: String, containers: [String])
        /// A save found the file changed on disk: reload it or overwrite it.
        case fileChanged(draft: String)
        /// Leaving the editor, or quitting, with unsaved edits.
        case discardEdits(thenQuit: Bool)
    }

    /// A container a dialog is about, with what will happen after the action (e.g. its restart
    /// policy or Compose project bringing it back).
    public struct Target: Sendable, Equatable {
        public var id: String
        public var name: String
        public var consequence: String?
        /// A violation held for the operator (confirm mode).
        public var isPending: Bool

        public init(id: String, name: String, consequence: String?, isPending: Bool = false) {
            self.id = id
            self.name = name
            self.consequence = consequence
            self.isPending = isPending
        }
    }
}
