import GuardCore

/// The decision timeline (`v`): which record is selected, the first shown, and the filter.
public struct TimelineView: Sendable, Equatable {
    /// The selected record's index among those the filter keeps (0: the newest).
    public var selected = 0
    public var scrollTop = 0
    public var filter = ""
    /// The filter being typed, when `/` was pressed.
    public var filterEditor: LineEditor?

    public init() {}

    /// The records the filter keeps: any of container, image, verdict, rule, mode, action, result,
    /// event or error containing it, case-insensitively.
    public func rows(_ records: [AuditRecord]) -> [AuditRecord] {
        let needle = filter.lowercased()
        guard !needle.isEmpty else { return records }
        return records.filter { record in
            [
                record.containerName, record.image, record.verdict, record.rule ?? "", record.mode, record.action ?? "",
                record.result, record.event, record.error ?? "", record.reason ?? "",
            ].contains { $0.lowercased().contains(needle) }
        }
    }

    /// Actions the guard or an operator carried out (done or failed) within the hour before `now`.
    public static func actionsInLastHour(_ records: [AuditRecord], now: Double) -> Int {
        records.filter { record in
            guard record.action != nil, record.result == "done" || record.result == "failed",
                let time = EngineTimestamp.secondsSinceEpoch(record.time)
            else { return false }
            return now - time <= 3600
        }.count
    }
}
