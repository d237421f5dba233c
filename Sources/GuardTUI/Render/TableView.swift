import GuardCore

/// The container table: column titles, then one row per container with its verdict mark. Before
/// the first sync, or with no rows, a centred line says why the table is empty.
struct TableView {
    var data: DashboardData
    var state: UIState
    var rows: [ContainerRow]
    var glyphs: Glyphs

    func draw(on screen: inout Screen, band: DashboardLayout.Band) {
        guard band.height > 0 else { return }
        let visible = band.height - 1
        let selected = DashboardRenderer.selectedIndex(rows: rows, state: state)
        let top = TextFit.scrollTop(
            selected: selected, top: state.scrollTop, count: rows.count, visible: max(visible, 0))
        // Columns fit the rows on screen: sizing by every row would cost a frame O(containers).
        let shown = rows[min(top, rows.count)..<min(top + max(visible, 0), rows.count)]
        let columns = TableColumns(
            width: screen.width, needs: TableColumns.Needs(rows: shown, cells: cell), stats: state.showStats)
        screen.fill(row: band.top, role: .columnHeader)
        let stale = isStale
        for column in columns.columns {
            var title = column.kind.rawValue
            // While the engine is away the rows are what it said last: the status column says so.
            if stale, column.kind == .status {
                title = "LAST KNOWN STATUS".count <= column.width ? "LAST KNOWN STATUS" : "LAST KNOWN"
            }
            screen.put(title, row: band.top, column: column.x, role: .columnHeader, limit: column.width)
        }
        guard visible > 0 else { return }
        let firstRow = band.top + 1
        if let (text, role) = emptyNote() {
            let row = firstRow + (visible - 1) / 2
            let line = TextFit.truncate(text, to: screen.width - 2, ellipsis: glyphs.ellipsis)
            screen.put(line, row: row, column: (screen.width - line.count) / 2, role: role)
            return
        }
        for offset in 0..<min(visible, rows.count - top) {
            let index = top + offset
            drawRow(rows[index], selected: index == selected, row: firstRow + offset, columns: columns, on: &screen)
        }
    }

    private func drawRow(
        _ row: ContainerRow, selected: Bool, row y: Int, columns: TableColumns, on screen: inout Screen
    ) {
        if selected { screen.fill(row: y, role: .selection) }
        if isMarked(row) { screen[y, 0] = Screen.Cell(glyphs.mark, selected ? .selection : .preview) }
        screen[y, 1] = Screen.Cell(glyphs.verdict(row.verdict), Role.of(row.verdict))
        if let preview = row.preview {
            screen[y, 2] = Screen.Cell(glyphs.arrow, .preview)
            screen[y, 3] = Screen.Cell(glyphs.future(preview), .preview)
        }
        for column in columns.columns {
            var role: Role = .normal
            if column.kind == .rule { role = row.verdict.isAllowed ? .muted : Role.of(row.verdict) }
            if column.kind == .status, isStale { role = .muted }
            if column.kind == .cpu || column.kind == .memory { role = .muted }
            if row.group != nil { role = column.kind == .name ? .dialogTitle : .muted }
            if selected { role = .selection }
            screen.put(
                cell(row, column.kind), row: y, column: column.x, width: column.width, role: role,
                ellipsis: glyphs.ellipsis)
        }
    }

    /// The text of one cell, before truncation.
    func cell(_ row: ContainerRow, _ kind: TableColumns.Kind) -> String {
        if let group = row.group { return groupCell(group, verdict: row.verdict, kind) }
        let record = row.record
        switch kind {
        case .name: return row.refusal != nil && record.displayName.isEmpty ? "(no name)" : record.displayName
        case .image: return record.imageRef
        case .id: return row.refusal == nil ? record.shortID : "-"  // never created: no ID
        case .status:
            if row.isActing { return Self.progressive(data.enforcer.action) + String(glyphs.ellipsis) }
            return StatusText.describe(record, now: data.now)
        case .rule:
            if case .allowed(let rule, _) = row.verdict { return "\(TextFit.basename(rule.path)):\(rule.line)" }
            return row.verdict.word
        case .cpu, .memory:
            guard record.isRunning, let sample = data.resources[row.id] else {
                // Not sampled yet (or not running): nothing to say, right-aligned as the figures are.
                return ResourceText.pad(record.isRunning ? String(glyphs.ellipsis) : "-", kind == .cpu ? 6 : 8)
            }
            return kind == .cpu ? ResourceText.percent(sample.cpuPercent) : ResourceText.bytes(sample.memoryBytes)
        }
    }

    /// A Compose project's header: `▾ shop (3)`, its counts under STATUS, its worst verdict under RULE.
    func groupCell(_ group: ProjectGroup, verdict: RowVerdict, _ kind: TableColumns.Kind) -> String {
        let fold = group.folded ? glyphs.folded : glyphs.unfolded
        switch kind {
        case .name: return "\(fold) \(group.project ?? "no project") (\(group.memberIDs.count))"
        case .status: return group.summary(glyphs)
        case .rule: return verdict.word
        case .image, .id, .cpu, .memory: return ""
        }
    }

    /// Marked with Space; a project's header when all its containers are.
    func isMarked(_ row: ContainerRow) -> Bool {
        guard !state.marked.isEmpty else { return false }
        if let group = row.group {
            return !group.memberIDs.isEmpty && group.memberIDs.allSatisfy(state.marked.contains)
        }
        return state.marked.contains(row.id)
    }

    /// Synced once, but not connected now: every row is the engine's last word.
    var isStale: Bool { data.snapshot.isSynced && !data.snapshot.engine.connection.isConnected }

    /// Why there are no rows to show, or nil when there are.
    func emptyNote() -> (String, Role)? {
        let snapshot = data.snapshot
        if !snapshot.isSynced {
            if let error = snapshot.engine.connection.lastError {
                // An engine error already names the endpoint (`cannot connect to unix://…: …`).
                let endpoint = snapshot.engine.endpoint
                return (error.contains(endpoint) ? error : "cannot reach \(endpoint): \(error)", .error)
            }
            return ("connecting to \(snapshot.engine.endpoint)\(glyphs.ellipsis)", .muted)
        }
        guard rows.isEmpty else { return nil }
        let table = state.table
        if !table.filter.isEmpty { return ("nothing matches filter '\(table.filter)'", .muted) }
        if !table.showStopped, !snapshot.containers.isEmpty {
            return ("no running containers \(glyphs.dash) A shows stopped ones", .muted)
        }
        return ("no containers", .muted)
    }

    /// `stopping`, `killing`, `removing`: what the STATUS column says while an action runs.
    static func progressive(_ action: EnforcementAction) -> String {
        switch action {
        case .stop: "stopping"
        case .kill: "killing"
        case .remove: "removing"
        }
    }
}
