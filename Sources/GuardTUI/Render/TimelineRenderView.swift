import GuardCore

/// The decision timeline (`v`) over the body: a title (records shown, actions in the last hour,
/// the filter), the column titles, then one record per row, newest first.
struct TimelineRenderView {
    var view: TimelineView
    var records: [AuditRecord]
    var endpoint: String
    var now: Double
    var glyphs: Glyphs

    struct Column: Sendable {
        var title: String
        var width: Int
        var value: @Sendable (AuditRecord) -> String
    }

    static let columns: [Column] = [
        Column(title: "TIME", width: 8) { shortTime($0.time) },
        Column(title: "CONTAINER", width: 15) {
            $0.containerName.hasPrefix("/") ? String($0.containerName.dropFirst()) : $0.containerName
        },
        Column(title: "VERDICT", width: 9) { $0.verdict },
        Column(title: "ACTION", width: 7) { $0.action ?? "-" },  // `restart` (keep-running)
        Column(title: "RESULT", width: 8) { $0.result },
        Column(title: "LATENCY", width: 7) { $0.latencyMS.map(latency) ?? "-" },
        Column(title: "MODE", width: 7) { $0.mode },
        // Wide enough for every event (`authz-restart`, `mode change`); `allow-list reload` is
        // said shorter, so that no event is cut (the fourth trial found it cut).
        Column(title: "EVENT", width: 13) {
            $0.event == DecisionCause.allowListReload.rawValue ? "list reload" : $0.event
        },
        Column(title: "RULE / WHY", width: 0) { why($0) },
    ]
    static let resultColumn = 4
    /// What RULE / WHY keeps before RESULT widens.
    static let whyWidth = 40

    /// The columns' widths for these rows: RESULT widens up to its longest text (`no longer
    /// running: no action needed`) while RULE / WHY keeps `whyWidth` columns.
    static func widths(for rows: some Sequence<AuditRecord>, screenWidth: Int) -> [Int] {
        var widths = columns.map(\.width)
        let used = widths.reduce(0, +) + widths.count  // the cells and a space after each
        let spare = screenWidth - 1 - used - whyWidth
        let longest = rows.map(\.result.count).max() ?? 0
        widths[resultColumn] += max(0, min(longest - widths[resultColumn], spare))
        return widths
    }

    func draw(on screen: inout Screen, band: DashboardLayout.Band) {
        guard band.height > 0 else { return }
        for y in band.rows { screen.fill(row: y, role: .normal) }
        let rows = view.rows(records)
        screen.fill(row: band.top, role: .dialogTitle)
        let actions = TimelineView.actionsInLastHour(records, now: now)
        let counted = "\(actions) action\(actions == 1 ? "" : "s") in the last hour"
        var title = "decisions  \(counted)  \(rows.count) shown  on \(endpoint)"
        if !view.filter.isEmpty { title += "  filter '\(view.filter)'" }
        screen.put(
            title, row: band.top, column: 1, width: screen.width - 2, role: .dialogTitle, ellipsis: glyphs.ellipsis)
        guard band.height > 1 else { return }
        var bottom = band.bottom
        if let editor = view.filterEditor {
            bottom -= 1
            screen.searchPrompt(editor, row: bottom, glyphs: glyphs)
        }
        let visible = max(bottom - band.top - 2, 0)
        let top = TextFit.scrollTop(selected: view.selected, top: view.scrollTop, count: rows.count, visible: visible)
        let shown = rows.dropFirst(top).prefix(visible)
        let widths = Self.widths(for: shown, screenWidth: screen.width)
        screen.fill(row: band.top + 1, role: .columnHeader)
        draw(Self.columns.map(\.title), widths: widths, on: &screen, row: band.top + 1, role: .columnHeader)
        guard !rows.isEmpty else {
            let note =
                records.isEmpty
                ? "no decisions yet \(glyphs.dash) they show as the guard makes them" : "no decision matches the filter"
            if visible > 0 {
                screen.put(
                    note, row: band.top + 2, column: 1, width: screen.width - 2, role: .muted, ellipsis: glyphs.ellipsis
                )
            }
            return
        }
        for (offset, record) in shown.enumerated() {
            let y = band.top + 2 + offset
            let selected = top + offset == view.selected
            let role: Role =
                selected
                ? .selection : record.result == "failed" ? .error : record.verdict == "violating" ? .violating : .normal
            if selected { screen.fill(row: y, role: .selection) }
            draw(Self.columns.map { $0.value(record) }, widths: widths, on: &screen, row: y, role: role)
        }
    }

    /// The cells of one row, each cut to its column; the last takes what is left.
    func draw(_ values: [String], widths: [Int], on screen: inout Screen, row: Int, role: Role) {
        var x = 1
        for (columnWidth, value) in zip(widths, values) {
            let width = columnWidth == 0 ? screen.width - x - 1 : min(columnWidth, screen.width - x - 1)
            guard width > 0 else { return }
            screen.put(value, row: row, column: x, width: width, role: role, ellipsis: glyphs.ellipsis)
            x += width + 1
        }
    }

    /// The rule that allowed it, else why not: the profile's reason, the error, or, for a plain
    /// refusal (which records neither), that no rule matched.
    static func why(_ record: AuditRecord) -> String {
        if let rule = record.rule { return TextFit.basename(rule) }
        if let reason = record.reason ?? record.error { return reason }
        return record.verdict == "violating" ? "no rule matches" : "-"
    }

    /// `412 ms`, `14.8 s`, `3 min`: from the container's start to the action done.
    static func latency(_ milliseconds: Int) -> String {
        if milliseconds < 1000 { return "\(milliseconds) ms" }
        if milliseconds < 100_000 { return "\(milliseconds / 1000).\(milliseconds % 1000 / 100) s" }
        return "\(milliseconds / 60000) min"
    }

    /// `22:59:00` of `2026-11-25T22:59:00.123Z`.
    static func shortTime(_ time: String) -> String {
        guard let t = time.firstIndex(of: "T") else { return time }
        return String(time[time.index(after: t)...].prefix(8))
    }
}
