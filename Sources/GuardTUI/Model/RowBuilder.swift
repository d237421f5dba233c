import GuardCore

/// Turns the store's containers into the table's rows: judged, filtered and sorted. Pure, so the
/// table is tested without a terminal.
public struct RowBuilder: Sendable, Equatable {
    public var sort: SortKey = .name
    public var descending = false
    /// Case-insensitive text that a row's name, image, ID, state or verdict must contain.
    public var filter = ""
    /// Show exited and created containers too (`A`).
    public var showStopped = false

    public init(sort: SortKey = .name, descending: Bool = false, filter: String = "", showStopped: Bool = false) {
        self.sort = sort
        self.descending = descending
        self.filter = filter
        self.showStopped = showStopped
    }

    /// The rows to show. `preview` is the unsaved allow-list being edited, if any.
    public func rows(_ data: DashboardData, preview: TablePreview = .none) -> [ContainerRow] {
        table(data, preview: preview).rows
    }

    /// The rows to show and the header's counts, judging each container once. The counts cover
    /// the rows the table lists, whatever the filter: the live containers, or every one with `A`.
    public func table(_ data: DashboardData, preview: TablePreview = .none) -> DashboardTable {
        let list = data.policy.allowList
        var rows: [ContainerRow] = []
        var counts = DashboardCounts(showsStopped: showStopped)
        rows.reserveCapacity(data.snapshot.containers.count)
        for record in data.snapshot.containers {
            let isLive = Self.isLive(record)
            guard isLive || showStopped else { continue }
            let verdict = Self.verdict(record, list: list, data: data)
            counts.count(verdict, live: isLive)
            var row = ContainerRow(record: record, verdict: verdict, isActing: data.enforcer.acting.contains(record.id))
            if let allowedAfter = preview.allows(record, current: verdict, aliases: data.aliases),
                allowedAfter != verdict.isAllowed, verdict != .unknown || allowedAfter
            {
                row.preview = allowedAfter ? .wouldAllow : Self.flipToViolation(isLive: isLive, data: data)
            }
            if matchesFilter(row) { rows.append(row) }
        }
        return DashboardTable(rows: sorted(rows), counts: counts)
    }

    /// Running, paused or restarting: what a violation can be.
    static func isLive(_ record: ContainerRecord) -> Bool {
        record.isRunning || record.state == "paused" || record.state == "restarting"
    }

    /// What an allowed container would become without its rule: held for the operator in confirm
    /// mode (the dashboard is the operator), violating otherwise, merely not allowed when stopped.
    static func flipToViolation(isLive: Bool, data: DashboardData) -> PreviewFlip {
        guard isLive else { return .wouldDisallow }
        return data.enforcer.mode == .confirm && !data.enforcer.readonly ? .wouldHold : .wouldViolate
    }

    static func verdict(_ record: ContainerRecord, list: AllowList?, data: DashboardData) -> RowVerdict {
        guard let list else { return .unknown }
        switch list.verdict(for: record, aliases: data.aliases) {
        case .allowed(let rule, let location): return .allowed(rule: rule, location: location)
        case .violating:
            guard isLive(record) else { return .notAllowed }
            return data.enforcer.pending.contains(record.id) ? .pending : .violating
        }
    }

    func matchesFilter(_ row: ContainerRow) -> Bool {
        let needle = filter.lowercased()
        guard !needle.isEmpty else { return true }
        let record = row.record
        return [record.displayName, record.imageRef, record.shortID, record.state, row.verdict.word]
            .contains { $0.lowercased().contains(needle) }
    }

    /// Sorts by the chosen column, then by name. Each row's keys are computed once, and indices
    /// are sorted rather than rows (a row is large: copying it in every swap dominated the cost).
    func sorted(_ rows: [ContainerRow]) -> [ContainerRow] {
        var keyed = rows.indices.map { index in
            (primary: primaryKey(rows[index]), name: rows[index].record.displayName, index: index)
        }
        let descending = descending
        let newestFirst = sort == .age  // like k9s' AGE: the youngest on top
        keyed.sort { a, b in
            let (a, b) = descending ? (b, a) : (a, b)
            if a.primary != b.primary { return (a.primary < b.primary) != newestFirst }
            return a.name < b.name
        }
        return keyed.map { rows[$0.index] }
    }

    func primaryKey(_ row: ContainerRow) -> String {
        switch sort {
        case .name: return ""
        case .image: return row.record.imageRef
        case .state: return row.record.state
        // The RFC 3339 text sorts as the time does.
        case .age: return row.record.startedAt ?? row.record.createdAt
        case .verdict: return Self.verdictRank(row.verdict)
        }
    }

    /// Pending first, then violating, unknown, not allowed, allowed: what needs the operator comes first.
    static func verdictRank(_ verdict: RowVerdict) -> String {
        switch verdict {
        case .pending: "0"
        case .violating: "1"
        case .unknown: "2"
        case .notAllowed: "3"
        case .allowed: "4"
        }
    }
}

/// One frame's table: the rows shown and the counts of the whole host.
public struct DashboardTable: Sendable, Equatable {
    public var rows: [ContainerRow]
    public var counts: DashboardCounts

    public init(rows: [ContainerRow], counts: DashboardCounts) {
        self.rows = rows
        self.counts = counts
    }
}
