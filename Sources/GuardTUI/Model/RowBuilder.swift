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
    public func rows(_ data: DashboardData, preview: AllowList? = nil) -> [ContainerRow] {
        let list = data.policy.allowList
        var rows: [ContainerRow] = []
        rows.reserveCapacity(data.snapshot.containers.count)
        for record in data.snapshot.containers where showStopped || record.isRunning || record.state == "paused" || record.state == "restarting" {
            let verdict = Self.verdict(record, list: list, data: data)
            var row = ContainerRow(record: record, verdict: verdict, isActing: data.enforcer.acting.contains(record.id))
            if let preview {
                let allowedAfter = preview.verdict(for: record, aliases: data.aliases).isAllowed
                if allowedAfter != verdict.isAllowed, verdict != .unknown || allowedAfter {
                    row.preview = allowedAfter ? .wouldAllow : .wouldViolate
                }
            }
            if matchesFilter(row) { rows.append(row) }
        }
        rows.sort(by: ordering)
        return rows
    }

    static func verdict(_ record: ContainerRecord, list: AllowList?, data: DashboardData) -> RowVerdict {
        guard let list else { return .unknown }
        switch list.verdict(for: record, aliases: data.aliases) {
        case .allowed(let rule, let location): return .allowed(rule: rule, location: location)
        case .violating: return data.enforcer.pending.contains(record.id) ? .pending : .violating
        }
    }

    func matchesFilter(_ row: ContainerRow) -> Bool {
        let needle = filter.lowercased()
        guard !needle.isEmpty else { return true }
        let record = row.record
        return [record.displayName, record.imageRef, record.shortID, record.state, row.verdict.word]
            .contains { $0.lowercased().contains(needle) }
    }

    func ordering(_ lhs: ContainerRow, _ rhs: ContainerRow) -> Bool {
        let (a, b) = descending ? (rhs, lhs) : (lhs, rhs)
        let primary: (String, String)
        switch sort {
        case .name: primary = (a.record.displayName, b.record.displayName)
        case .image: primary = (a.record.imageRef, b.record.imageRef)
        case .state: primary = (a.record.state, b.record.state)
        // Youngest first, like k9s' AGE; the RFC 3339 text sorts as the time does.
        case .age: primary = (b.record.startedAt ?? b.record.createdAt, a.record.startedAt ?? a.record.createdAt)
        case .verdict: primary = (Self.verdictRank(a.verdict), Self.verdictRank(b.verdict))
        }
        if primary.0 != primary.1 { return primary.0 < primary.1 }
        return a.record.displayName < b.record.displayName
    }

    /// Pending first, then violating, unknown, allowed: what needs the operator comes first.
    static func verdictRank(_ verdict: RowVerdict) -> String {
        switch verdict {
        case .pending: "0"
        case .violating: "1"
        case .unknown: "2"
        case .allowed: "3"
        }
    }
}
