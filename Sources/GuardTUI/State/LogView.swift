import GuardCore

/// The logs view (`l`): one container's output, followed live or paused at a line, with its
/// display options and search. Lines arrive from the app (``DashboardMachine/receiveLogs``);
/// the stream belongs to one `session`, so lines of a view already closed are never shown.
public struct LogView: Sendable, Equatable {
    public var containerID: String
    public var name: String
    public var session: Int
    public var buffer: LogBuffer
    /// New lines move the view down; off (`f`, or any scroll up) the view stays on `bottom`.
    public var following = true
    /// The newest line shown while paused.
    public var bottom = 0
    public var wrap = false
    public var timestamps = false
    /// The text searched with `/`, for `n`/`N` and the highlights.
    public var search = ""
    /// The search being typed, when `/` was pressed.
    public var searchEditor: LineEditor?
    /// The line the last search landed on.
    public var hit: Int?
    /// The stream ended: nil while it runs, else why (empty for the engine's normal end).
    public var ended: String?
    /// The stream is being opened.
    public var opening = true

    public init(containerID: String, name: String, session: Int, capacity: Int = 10_000) {
        self.containerID = containerID
        self.name = name
        self.session = session
        buffer = LogBuffer(capacity: capacity)
    }

    /// The newest line on screen.
    public var shownBottom: Int { following ? buffer.end - 1 : max(bottom, buffer.first) }

    /// Lines that arrived below the paused view.
    public var linesBelow: Int { following ? 0 : max(buffer.end - 1 - shownBottom, 0) }

    mutating func pause() {
        if following { bottom = buffer.end - 1 }
        following = false
    }

    /// Moves the paused view by `lines` (negative: older), following again past the newest.
    mutating func scroll(by lines: Int, page: Int) {
        pause()
        let oldestBottom = min(buffer.first + max(page, 1) - 1, buffer.end - 1)
        bottom = max(bottom + lines, oldestBottom)
        if bottom >= buffer.end - 1 { following = true }
    }
}
