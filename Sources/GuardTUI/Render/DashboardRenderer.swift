import GuardCore

/// The whole dashboard as a ``Screen``: a pure function of the data, the UI state and the size,
/// so every frame can be tested as text. The terminal backend only draws what this returns.
public enum DashboardRenderer {
    /// Renders one frame. `rows` are the table's rows as ``RowBuilder`` made them (filtered,
    /// sorted, with previews while the allow-list is edited); `counts`, the header's numbers, are
    /// counted from `data` when not given. Only the rows on screen are looked at, so a frame costs
    /// the same with ten containers or a thousand.
    public static func render(
        data: DashboardData, state: UIState, rows: [ContainerRow], width: Int, height: Int, glyphs: Glyphs,
        counts: DashboardCounts? = nil
    ) -> Screen {
        var screen = Screen(width: width, height: height)
        let layout = DashboardLayout(width: width, height: height, overlay: state.overlay)
        if layout.tooSmall {
            drawTooSmall(on: &screen, glyphs: glyphs)
            return screen
        }
        HeaderView(
            data: data, state: state, counts: counts ?? DashboardCounts(data, showsStopped: state.table.showStopped),
            glyphs: glyphs
        ).draw(
            on: &screen, row: layout.header.top)
        // A view that fills the body hides the table: not drawing it underneath is most of a
        // frame's cost while a log scrolls by (BENCHMARKS.md, issue 15).
        if !coversBody(state.overlay) {
            drawBody(data: data, state: state, rows: rows, layout: layout, glyphs: glyphs, on: &screen)
        }
        StatusBarView(data: data, state: state, glyphs: glyphs).draw(on: &screen, band: layout.statusBar)
        switch state.overlay {
        case .help:
            HelpView(glyphs: glyphs, scroll: state.helpScroll, exec: state.canExec && !data.enforcer.readonly).draw(
                on: &screen, band: layout.body)
        case .proposal(let proposal):
            ProposalView(proposal: proposal, glyphs: glyphs).draw(on: &screen)
        case .dialog(let dialog):
            DialogView(
                dialog: dialog, path: data.policy.path, stopTimeout: data.stopTimeout, glyphs: glyphs,
                mode: data.enforcer.mode, action: data.enforcer.action.rawValue
            ).draw(
                on: &screen)
        case .editorDialog(let editor, let dialog):
            DialogView(
                dialog: dialog, path: editor.path, stopTimeout: data.stopTimeout, glyphs: glyphs,
                mode: data.enforcer.mode, action: data.enforcer.action.rawValue
            ).draw(
                on: &screen)
        case .logs:
            if let view = state.logs {
                let record = data.snapshot.containers.first { $0.id == view.containerID }
                LogsView(view: view, record: record, glyphs: glyphs).draw(on: &screen, band: layout.body)
            }
        case .timeline(let view):
            TimelineRenderView(
                view: view, records: data.timeline, endpoint: data.snapshot.engine.endpoint, now: data.now,
                glyphs: glyphs
            ).draw(on: &screen, band: layout.body)
        case .inspect(let view):
            InspectRenderView(view: view, glyphs: glyphs).draw(on: &screen, band: layout.body)
        case .none, .detail, .filter, .editor:
            break
        }
        return screen
    }

    /// The editor panel, the table and the detail pane.
    static func drawBody(
        data: DashboardData, state: UIState, rows: [ContainerRow], layout: DashboardLayout, glyphs: Glyphs,
        on screen: inout Screen
    ) {
        if let band = layout.editor, let editor = state.editor {
            EditorPanelView(editor: editor, glyphs: glyphs, readonly: data.enforcer.readonly).draw(
                on: &screen, band: band)
        }
        TableView(data: data, state: state, rows: rows, glyphs: glyphs).draw(on: &screen, band: layout.table)
        if let band = layout.detail {
            let selected = selectedIndex(rows: rows, state: state).map { rows[$0] }
            DetailView(data: data, row: selected, glyphs: glyphs).draw(on: &screen, band: band)
        }
    }

    /// Whether the overlay paints every cell of the body (help, logs, the timeline, inspect).
    public static func coversBody(_ overlay: Overlay) -> Bool {
        switch overlay {
        case .help, .logs, .timeline, .inspect: true
        case .none, .detail, .filter, .editor, .proposal, .dialog, .editorDialog: false
        }
    }

    /// The selected row: the one with the remembered ID, else the one at the remembered index
    /// (clamped), so the selection stays put as rows come and go. Nil when there are no rows.
    public static func selectedIndex(rows: [ContainerRow], state: UIState) -> Int? {
        guard !rows.isEmpty else { return nil }
        if rows.indices.contains(state.selectedIndex), rows[state.selectedIndex].id == state.selectedID {
            return state.selectedIndex
        }
        if let id = state.selectedID, let index = rows.firstIndex(where: { $0.id == id }) { return index }
        return min(max(state.selectedIndex, 0), rows.count - 1)
    }

    /// The note shown instead of the dashboard below 40×10, centred, on two lines when narrow.
    static func drawTooSmall(on screen: inout Screen, glyphs: Glyphs) {
        let size = "\(screen.width)\(glyphs.times)\(screen.height)"
        let need = "\(DashboardLayout.minimumWidth)\(glyphs.times)\(DashboardLayout.minimumHeight)"
        let whole = "terminal too small (\(size), need \(need))"
        let lines = whole.count <= screen.width ? [whole] : ["terminal too small", "(\(size), need \(need))"]
        let top = (screen.height - lines.count) / 2
        for (offset, line) in lines.enumerated() {
            let text = TextFit.truncate(line, to: screen.width, ellipsis: glyphs.ellipsis)
            screen.put(text, row: top + offset, column: (screen.width - text.count) / 2, role: .muted)
        }
    }
}
