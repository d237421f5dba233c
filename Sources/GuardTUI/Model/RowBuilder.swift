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
    /// `P`: a header row per Compose project, its containers under it.
    public var groupByProject = false
    /// The projects folded to their header (``ProjectGroup/key``).
    public var folded: Set<String> = []

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
    /// With a `memo`, a container judged before and unchanged since is not judged again.
    public func table(_ data: DashboardData, preview: TablePreview = .none, memo: DecisionMemo? = nil)
        -> DashboardTable
    {
        let list = data.policy.allowList
        var rows: [ContainerRow] = []
        var counts = DashboardCounts(showsStopped: showStopped)
        rows.reserveCapacity(data.snapshot.containers.count)
        memo?.forgetGone(keeping: data.snapshot.containers)
        for record in data.snapshot.containers {
            let isLive = Self.isLive(record)
            guard isLive || showStopped else { continue }
            let decision = list.map { list in
                memo?.decision(record, list: list, policyVersion: data.policy.version, aliases: data.aliases)
                    ?? Self.decision(record, list: list, data: data)
            }
            let verdict = Self.verdict(decision, record: record, data: data)
            counts.count(verdict, live: isLive)
            var row = ContainerRow(record: record, verdict: verdict, isActing: data.enforcer.acting.contains(record.id))
            // Also for one no rule names: `a`'s rule must carry them to allow it at the first try.
            row.liftingTerms = decision?.liftingTerms ?? []
            if let decision, case .limited = decision.verdict {
                row.violations = decision.violations
                row.limitReason = decision.reason
            }
            // The edited list is judged under the profile in force, as it will be once saved.
            if preview.isActive,
                let allowedAfter = preview.allows(
                    MatchSubject(record, aliases: data.aliases.cached(record.imageID) ?? []), current: verdict,
                    profile: list?.profile),
                allowedAfter != verdict.isAllowed, verdict != .unknown || allowedAfter
            {
                row.preview = allowedAfter ? .wouldAllow : Self.flipToViolation(isLive: isLive, data: data)
            }
            if matchesFilter(row) { rows.append(row) }
        }
        // A refused create is a question only while confirm mode asks them.
        for refusal in data.refused where data.enforcer.mode == .confirm && refusal.isCurrent(now: data.now) {
            let row = Self.refusedRow(refusal, list: list, preview: preview, data: data)
            if row.verdict == .pending { counts.pending += 1 }  // waiting, though nothing runs
            if matchesFilter(row) { rows.append(row) }
        }
        let sorted = sorted(rows, resources: data.resources)
        return DashboardTable(rows: groupByProject ? grouped(sorted) : sorted, counts: counts)
    }

    /// A refused create waits for the operator until the list in force allows it; from then the
    /// row says so, until the same `docker run` is tried again and allowed. Judged by the same
    /// decision as the plugin's, on what the create asked for (its runtime facts included).
    static func refusedRow(
        _ refusal: RefusedCreate, list: AllowList?, preview: TablePreview, data: DashboardData
    ) -> ContainerRow {
        let decision = list.map { Decision.judge(refusal.subject, list: $0, selfID: nil, cause: .authzCreate) }
        let verdict: RowVerdict
        switch decision?.verdict {
        case .allowed(let rule, let location)?: verdict = .allowed(rule: rule, location: location)
        case nil: verdict = .unknown
        default: verdict = .pending
        }
        var row = ContainerRow(refusal: refusal, verdict: verdict)
        row.liftingTerms = decision?.liftingTerms ?? []
        if let decision, case .limited = decision.verdict {
            row.violations = decision.violations
            row.limitReason = decision.reason
        }
        if let allowedAfter = preview.allows(refusal.subject, current: verdict, profile: list?.profile),
            allowedAfter != verdict.isAllowed, verdict != .unknown || allowedAfter
        {
            row.preview = allowedAfter ? .wouldAllow : .wouldHold
        }
        return row
    }

    /// The one judgement the enforcer and the plugin make too (the guard's own container is
    /// shown as the list judges it).
    static func decision(_ record: ContainerRecord, list: AllowList, data: DashboardData) -> Decision {
        Decision.judge(record, list: list, aliases: data.aliases, selfID: nil, cause: .resync)
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
        verdict(list.map { decision(record, list: $0, data: data) }, record: record, data: data)
    }

    static func verdict(_ decision: Decision?, record: ContainerRecord, data: DashboardData) -> RowVerdict {
        guard let decision else { return .unknown }
        switch decision.verdict {
        case .allowed(let rule, let location): return .allowed(rule: rule, location: location)
        case .violating, .limited, .ownContainer:
            guard isLive(record) else { return .notAllowed }
            return data.enforcer.pending.contains(record.id) ? .pending : .violating
        }
    }

    func matchesFilter(_ row: ContainerRow) -> Bool {
        let needle = filter.lowercased()
        guard !needle.isEmpty else { return true }
        let record = row.record
        // A violation held for the operator is still a violation: `violating` finds it too.
        let verdicts = [row.verdict.word] + (row.verdict.isViolating ? [RowVerdict.violating.word] : [])
        return ([record.displayName, record.imageRef, record.shortID, record.state] + verdicts)
            .contains { $0.lowercased().contains(needle) }
    }

    /// Sorts by the chosen column, then by name. Each row's keys are computed once, and indices
    /// are sorted rather than rows (a row is large: copying it in every swap dominated the cost).
    func sorted(_ rows: [ContainerRow], resources: [String: ResourceSample] = [:]) -> [ContainerRow] {
        var keyed = rows.indices.map { index in
            (primary: primaryKey(rows[index], resources: resources), name: rows[index].record.displayName, index: index)
        }
        let descending = descending
        let newestFirst = sort.largestFirst  // like k9s' AGE: the youngest on top
        typealias Keyed = (primary: String, name: String, index: Int)
        let before = { (a: Keyed, b: Keyed) in
            let (a, b) = descending ? (b, a) : (a, b)
            if a.primary != b.primary { return (a.primary < b.primary) != newestFirst }
            return a.name < b.name
        }
        // By name, the store's order already is the table's: one pass to check, no sort, no copy.
        if keyed.indices.dropFirst().allSatisfy({ !before(keyed[$0], keyed[$0 - 1]) }) { return rows }
        keyed.sort(by: before)
        return keyed.map { rows[$0.index] }
    }

    func primaryKey(_ row: ContainerRow, resources: [String: ResourceSample] = [:]) -> String {
        switch sort {
        // Fixed-width numbers sort as text; unsampled rows last (below any figure).
        case .cpu: return resources[row.id]?.cpuPercent.map { Self.sortable($0 * 1000) } ?? ""
        case .memory: return resources[row.id]?.memoryBytes.map { Self.sortable(Double($0)) } ?? ""
        case .name: return ""
        case .image: return row.record.imageRef
        case .state: return row.record.state
        // The RFC 3339 text sorts as the time does.
        case .age: return row.record.startedAt ?? row.record.createdAt
        case .verdict: return Self.verdictRank(row.verdict)
        }
    }

    static func sortable(_ value: Double) -> String {
        let digits = String(UInt64(max(value, 0).rounded()))
        return String(repeating: "0", count: max(20 - digits.count, 0)) + digits
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
