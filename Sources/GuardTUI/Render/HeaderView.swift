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
        let table = state.table
        let mode = "mode \(enforcer.mode.rawValue)\(glyphs.separator)\(enforcer.action.rawValue)"
        // What explains the rows (a filter hides some, marks are what a, s and y act on): said as
        // long as it lasts, before the long forms of the counts and the mode.
        let readonly = enforcer.readonly ? Segment("READONLY", .header, priority: 10) : nil
        let marked = state.marked.isEmpty ? nil : Segment("\(state.marked.count) marked", .header, priority: 10)
        let filter =
            table.filter.isEmpty ? nil : Segment("filter '\(table.filter)'", .header, priority: 10, mayTruncate: true)
        let extras = [readonly, marked, filter].compactMap { $0 }.reduce(0) { $0 + 2 + min($1.text.count, 16) }
        // The mode is what the operator must never have to guess: it goes first, then what
        // explains the rows; the counts go short for them, then the mode goes bare (`enforce`),
        // then the counts are cut (the eighth trial lost the filter at 60 and 70 columns).
        let countsText = wide.count + 2 + mode.count + extras <= width ? wide : short
        let modeText = countsText.count + 2 + mode.count + extras <= width ? mode : enforcer.mode.rawValue
        var segments = [
            title, Segment(countsText, .header, priority: 9, mayTruncate: true),
            Segment(modeText, .header, priority: 11),
        ]
        if let readonly { segments.append(readonly) }
        if table.sort != .name || table.descending {
            segments.append(
                Segment("sort \(table.sort.rawValue)" + (table.descending ? " reversed" : ""), .header, priority: 4))
        }
        if table.showStopped { segments.append(Segment("+stopped", .header, priority: 3)) }
        if let marked { segments.append(marked) }
        if table.groupByProject { segments.append(Segment("by project", .header, priority: 2)) }
        if let filter { segments.append(filter) }
        return segments
    }
}
