/// The inspect view (`i`): one container's inspect JSON, pretty-printed, scrolled and searched,
/// its secret-looking environment values masked until `M`. The JSON arrives from the app
/// (``DashboardMachine/receiveInspect``) for one `session`, so a late answer for a view already
/// closed is never shown.
public struct InspectView: Sendable, Equatable {
    public var containerID: String
    public var name: String
    public var session: Int
    /// Nil while the engine is asked.
    public var text: InspectText?
    /// Why there is no inspect (the container gone, the engine away).
    public var error: String?
    /// The first line on screen.
    public var top = 0
    /// `M`: secret values shown.
    public var showSecrets = false
    /// The text searched with `/`, for `n`/`N` and the highlights.
    public var search = ""
    public var searchEditor: LineEditor?
    /// The line the last search landed on.
    public var hit: Int?

    public init(containerID: String, name: String, session: Int) {
        self.containerID = containerID
        self.name = name
        self.session = session
    }

    public var lineCount: Int { text?.lines.count ?? 0 }

    /// The line as shown (masked unless `M`): what the search looks in, so it never finds a
    /// hidden value.
    public func line(_ index: Int) -> String {
        text?.text(index, secrets: showSecrets) ?? ""
    }

    /// Keeps `top` within the lines for a page of `page` lines.
    mutating func clamp(page: Int) {
        top = min(max(top, 0), max(lineCount - max(page, 1), 0))
    }

    /// The nearest line after `from` (or before it, `backwards`) whose shown text contains the
    /// search, case-insensitively.
    func find(from: Int, backwards: Bool) -> Int? {
        guard !search.isEmpty, lineCount > 0 else { return nil }
        let needle = search.lowercased()
        let order =
            backwards
            ? Array(stride(from: min(from, lineCount - 1), through: 0, by: -1)) : Array(max(from, 0)..<lineCount)
        return order.first { line($0).lowercased().contains(needle) }
    }
}
