import GuardCore

/// How many live containers there are, by verdict: the header's numbers. Counted over every
/// running, paused or restarting container, whatever the filter, so they describe the host.
public struct DashboardCounts: Sendable, Equatable {
    public var running = 0
    public var allowed = 0
    public var violating = 0
    public var pending = 0
    public var unknown = 0

    public init() {}

    public init(_ data: DashboardData) {
        self = RowBuilder(showStopped: false).table(data).counts
    }

    /// Counts one live container.
    mutating func count(_ verdict: RowVerdict) {
        running += 1
        switch verdict {
        case .allowed: allowed += 1
        case .violating: violating += 1
        case .pending: pending += 1
        case .unknown: unknown += 1
        }
    }
}

/// Row 0: the name, the counts, mode and action, and the sort and filter when they differ from
/// the default. Parts are dropped from the least important when narrow: the counts stay, and an
/// active filter outranks the name, since it explains why rows are missing.
struct HeaderView {
    var data: DashboardData
    var state: UIState
    var counts: DashboardCounts
    var glyphs: Glyphs

    func draw(on screen: inout Screen, row: Int) {
        screen.fill(row: row, role: .header)
        let segments = Segment.fit(
            segments(width: screen.width - 2), width: screen.width - 2, ellipsis: glyphs.ellipsis)
        screen.put(segments, row: row, column: 1)
    }

    func segments(width: Int) -> [Segment] {
        let title = Segment("dockerguard", .header, priority: 5)
        var wide =
            "running \(counts.running)  allowed \(counts.allowed)  violating \(counts.violating)  "
            + "pending \(counts.pending)"
        if counts.unknown > 0 { wide += "  unknown \(counts.unknown)" }
        // The counts must survive: on a narrow terminal they take their short form first.
        var short = "run \(counts.running) ok \(counts.allowed) bad \(counts.violating) pend \(counts.pending)"
        if counts.unknown > 0 { short += " ? \(counts.unknown)" }
        let countsText = wide.count + title.text.count + 2 <= width ? wide : short
        var segments = [title, Segment(countsText, .header, priority: 10)]
        let enforcer = data.enforcer
        segments.append(
            Segment(
                "mode \(enforcer.mode.rawValue)\(glyphs.separator)\(enforcer.action.rawValue)", .header, priority: 6))
        if enforcer.readonly { segments.append(Segment("READONLY", .header, priority: 8)) }
        let table = state.table
        if table.sort != .name || table.descending {
            segments.append(
                Segment("sort \(table.sort.rawValue)" + (table.descending ? " reversed" : ""), .header, priority: 4))
        }
        if table.showStopped { segments.append(Segment("+stopped", .header, priority: 3)) }
        if !table.filter.isEmpty {
            segments.append(Segment("filter '\(table.filter)'", .header, priority: 7, mayTruncate: true))
        }
        return segments
    }
}
