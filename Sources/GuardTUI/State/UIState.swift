import GuardCore

/// Everything the dashboard remembers between key presses. Owned by the UI thread; changed only
/// by ``DashboardMachine``.
public struct UIState: Sendable, Equatable {
    /// Sort, filter and whether stopped containers show.
    public var table = RowBuilder()
    /// The selected container, by ID, so the selection stays put as rows come and go.
    public var selectedID: String?
    /// The selected row's index: where the selection falls back to when its container vanishes.
    public var selectedIndex = 0
    /// The operator has moved the selection. Until then it stays on the first row whatever comes
    /// first, rather than on whichever container the first sync happened to list first (at 1,000
    /// containers that left the table scrolled to the middle of the list).
    public var selectionChosen = false
    /// The first table row on screen.
    public var scrollTop = 0
    /// Table rows that fit on screen; set by the renderer's layout on every frame.
    public var pageSize = 10
    public var overlay: Overlay = .none
    /// The help overlay's first line, when it scrolls.
    public var helpScroll = 0
    /// The status line's message: the last result, or why a key did nothing.
    public var message: Message?
    public var theme: String
    /// Why the theme in use is the default one (a broken theme file): shown until another loads.
    public var themeError: String?
    /// The themes `t` cycles through.
    public var themes: [String]
    /// Saved changes, newest last, for `u`.
    public var history: [SavedChange] = []
    /// Why the undo history was cut short (the file changed outside the dashboard), for `u`.
    public var historyNote: String?
    /// The guard's own actions on the status line, while it still shows them: one that finishes
    /// meanwhile joins the report instead of replacing it.
    public var guardReport: GuardReport?

    public struct GuardReport: Sendable, Equatable {
        public var outcomes: [ActionOutcome]
        /// Actions still under way when it was said.
        public var underWay = 0
        public var message: Message
    }
    /// The view (logs, inspect, decisions) the help was opened from, shown again when it closes.
    public var underHelp: Overlay?
    /// The last key that did nothing, so "unknown key" is said once, not on every press.
    public var lastUnknownKey: Key?
    /// `c`: the CPU and memory columns, sampled for the rows on screen only.
    public var showStats = false
    /// The logs view, while `l` has it open.
    public var logs: LogView?
    /// Counts the logs views opened, so lines of a closed one are told apart.
    public var logSession = 0
    /// Counts the inspect views opened, so an answer for a closed one is told apart.
    public var inspectSession = 0
    /// `Space`: the containers marked, by ID, for `a`, `s` and `y` to act on together.
    public var marked: Set<String> = []
    /// `x` opens a shell: the docker CLI is on PATH and the dashboard is not read-only.
    public var canExec = false
    /// Set once the operator has chosen to quit.
    public var quitting = false

    public init(theme: String = "default", themes: [String] = ["default"]) {
        self.theme = theme
        self.themes = themes
    }

    /// One line for the status bar.
    public struct Message: Sendable, Equatable {
        public var text: String
        public var isError: Bool

        public init(_ text: String, isError: Bool = false) {
            self.text = text
            self.isError = isError
        }
    }

    /// A change written to the allow-list file by the dashboard.
    public struct SavedChange: Sendable, Equatable {
        public var description: String
        public var before: String
        public var after: String
    }

    /// The allow-list panel, open or under a dialog.
    public var editor: AllowListEditor? {
        switch overlay {
        case .editor(let editor), .editorDialog(let editor, _): editor
        default: nil
        }
    }
}
