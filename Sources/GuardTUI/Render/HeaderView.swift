import GuardCore

/// The header's numbers, by verdict, over the rows the table lists whatever the filter: every
/// running, paused or restarting container, or with `A` every container, stopped ones too.
public struct DashboardCounts: Sendable, Equatable {
    /// Whether stopped containers are counted (`A`): the header then says `all N`.
    public var showsStopped = false
    /// Every container counted.
    public var all = 0
    public var running = 0
    public var allowed = 0
    public var violating = 0
    public var pending = 0
    /// Stopped containers no rule allows (counted with `A` only).
    public var notAllowed = 0
    public var unknown = 0

    public init(showsStopped: Bool = false) {
        self.showsStopped = showsStopped
    }

    public init(_ data: DashboardData, showsStopped: Bool = false) {
        self = RowBuilder(showStopped: showsStopped).table(data).counts
    }

    /// Counts one container the table lists.
    mutating func count(_ verdict: RowVerdict, live: Bool) {
        all += 1
        if live { running += 1 }
        switch verdict {
        case .allowed: allowed += 1
        case .violating: violating += 1
        case .pending: pending += 1
        case .notAllowed: notAllowed += 1
        case .unknown: unknown += 1
        }
    }
}

/// Row 0: the name, the counts, mode and action, and the sort and filter when they differ from
/// the default. Parts are dropped from the least important when narrow: the counts and the mode
/// stay, and an active filter outranks the name, since it explains why rows are missing.
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
        // With `A` the counts cover the stopped rows too, and say so (`all 10  running 6`).
        let scope = counts.showsStopped ? "all \(counts.all)  running \(counts.running)" : "running \(counts.running)"
        var wide =
            "\(scope)  allowed \(counts.allowed)  violating \(counts.violating)  pending \(counts.pending)"
        if counts.showsStopped { wide += "  not allowed \(counts.notAllowed)" }
        if counts.unknown > 0 { wide += "  unknown \(counts.unknown)" }
        // The counts must survive: on a narrow terminal they take their short form first.
        let shortScope = counts.showsStopped ? "all \(counts.all) run \(counts.running)" : "run \(counts.running)"
        var short = "\(shortScope) ok \(counts.allowed) bad \(counts.violating) pend \(counts.pending)"
        if counts.showsStopped { short += " no-rule \(counts.notAllowed)" }
        if counts.unknown > 0 { short += " ? \(counts.unknown)" }
        let enforcer = data.enforcer
        let mode = "mode \(enforcer.mode.rawValue)\(glyphs.separator)\(enforcer.action.rawValue)"
        // The mode survives too (audit or enforce is what the operator must never have to guess):
        // the counts go short for it, then it goes bare (`enforce`).
        let countsText = wide.count + 2 + mode.count <= width ? wide : short
        let modeText = countsText.count + 2 + mode.count <= width ? mode : enforcer.mode.rawValue
        var segments = [title, Segment(countsText, .header, priority: 10), Segment(modeText, .header, priority: 9)]
        if enforcer.readonly { segments.append(Segment("READONLY", .header, priority: 8)) }
        let table = state.table
        if table.sort != .name || table.descending {
            segments.append(
                Segment("sort \(table.sort.rawValue)" + (table.descending ? " reversed" : ""), .header, priority: 4))
        }
        if table.showStopped { segments.append(Segment("+stopped", .header, priority: 3)) }
        // What a, s and y would act on: said as long as the marks last, not only in a message.
        if !state.marked.isEmpty { segments.append(Segment("\(state.marked.count) marked", .header, priority: 7)) }
        if table.groupByProject { segments.append(Segment("by project", .header, priority: 2)) }
        if !table.filter.isEmpty {
            segments.append(Segment("filter '\(table.filter)'", .header, priority: 7, mayTruncate: true))
        }
        return segments
    }
}
