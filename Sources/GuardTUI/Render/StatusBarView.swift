import GuardCore

/// The two bottom rows. The first is about the engine and the guard (endpoint, versions, link,
/// mode, API, READONLY); the second about the allow-list and the operator (the last message or
/// action, else key hints), or the filter prompt while `/` is being typed.
struct StatusBarView {
    var data: DashboardData
    var state: UIState
    var glyphs: Glyphs

    static let keyHints = ["/ filter", "a allow", "s stop", "e edit", "q quit"]
    /// Read-only: only what still works is offered.
    static let readonlyHints = ["/ filter", "e view", "q quit"]
    /// In the logs view.
    static func logsHints(following: Bool) -> [String] {
        ["/ search", "n/N next", following ? "f pause" : "f follow", "w wrap", "t time", "Esc back"]
    }
    /// In the inspect view.
    static let inspectHints = ["/ search", "n/N next", "M secrets", "Esc back"]
    /// In the decision timeline.
    static let timelineHints = ["/ filter", "Enter go to row", "Esc back"]
    /// In the help and the detail pane, instead of `? help` (there `?` closes them; the help says
    /// how it scrolls by its own last line when it does not fit).
    static let closeHint = "Esc close"
    /// The shortest hint, kept whatever else the line holds.
    static let helpHint = "? help"

    func draw(on screen: inout Screen, band: DashboardLayout.Band) {
        guard band.height >= 2 else { return }
        let width = screen.width - 2
        for row in band.rows { screen.fill(row: row, role: .statusBar) }
        screen.put(Segment.fit(engineLine(), width: width, ellipsis: glyphs.ellipsis), row: band.top, column: 1)
        if case .filter(let editor) = state.overlay {
            screen.put("/", row: band.top + 1, column: 1, role: .statusBar)
            LineEditorView(editor: editor, role: .statusBar, glyphs: glyphs)
                .draw(on: &screen, row: band.top + 1, column: 2, width: width - 1)
        } else {
            screen.put(
                Segment.fit(operatorLine(), width: width, ellipsis: glyphs.ellipsis), row: band.top + 1, column: 1)
        }
    }

    func engineLine() -> [Segment] {
        let engine = data.snapshot.engine
        var segments = [Segment(engine.endpoint, .statusBar, priority: 5)]
        // The version outranks the mode here (the header shows the mode already); the endpoint outranks both.
        if let version = engine.engineVersion {
            segments.append(Segment("engine \(version)", .statusBar, priority: 4))
            if let api = engine.apiVersion { segments.append(Segment("engine API \(api)", .statusBar, priority: 2)) }
        }
        switch engine.connection {
        case .connected: segments.append(Segment("connected", .statusBar, priority: 9))
        case .connecting: segments.append(Segment("connecting", .statusBar, priority: 9))
        case .reconnecting(let error):
            segments.append(Segment("reconnecting: \(error)", .error, priority: 9, mayTruncate: true))
        }
        let enforcer = data.enforcer
        segments.append(
            Segment("mode \(enforcer.mode.rawValue) action \(enforcer.action.rawValue)", .statusBar, priority: 3))
        segments.append(
            Segment(
                data.api.summary, data.api.isError ? .error : .statusBar, priority: data.api.isError ? 8 : 4,
                mayTruncate: data.api.isError))
        if enforcer.readonly { segments.append(Segment("READONLY", .statusBar, priority: 10)) }
        return segments
    }

    /// The help and the detail pane: read, then closed; their bar offers only that.
    var onlyCloses: Bool { state.overlay == .help || state.overlay == .detail }

    func operatorLine() -> [Segment] {
        let policy = data.policy
        var segments: [Segment] = []
        if let error = policy.loadError {
            let first = error.split(separator: "\n").first.map(String.init) ?? error
            segments.append(Segment(first, .error, priority: 7, mayTruncate: true))
        } else if let list = policy.allowList {
            let count = list.rules.count
            segments.append(Segment("\(policy.path): \(count) rule\(count == 1 ? "" : "s")", .statusBar, priority: 5))
        } else {
            segments.append(Segment("\(policy.path): not loaded", .error, priority: 7))
        }
        // Messages (results of actions among them) expire, so the hints come back: the loop clears them.
        if let message = state.message {
            segments.append(
                Segment(message.text, message.isError ? .error : .statusBar, priority: 9, mayTruncate: true))
        } else if let themeError = state.themeError {
            segments.append(Segment(themeError, .error, priority: 8, mayTruncate: true))
        } else if state.editor == nil {
            // Each hint is its own segment, so a narrow bar drops whole hints from the end.
            let hints: [String] =
                switch state.overlay {
                case _ where onlyCloses: []
                case .logs: Self.logsHints(following: state.logs?.following ?? true)
                case .timeline: Self.timelineHints
                case .inspect: Self.inspectHints
                default: data.enforcer.readonly ? Self.readonlyHints : Self.keyHints
                }
            for (index, hint) in hints.enumerated() {
                segments.append(Segment(hint, .statusBar, priority: 4 - index))
            }
        }
        segments.append(Segment(onlyCloses ? Self.closeHint : Self.helpHint, .statusBar, priority: 10))
        return segments
    }
}
