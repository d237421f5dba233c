/// The guard's recent decisions and actions, newest first: the same records the audit log gets,
/// kept in memory (a ring of `capacity`) for the dashboard's timeline.
public final class DecisionTimeline: Sendable {
    public let capacity: Int
    /// Newest first.
    public let entries = Observed<[AuditRecord]>([])

    public init(capacity: Int = 1000) {
        self.capacity = max(capacity, 1)
    }

    public func append(_ record: AuditRecord) {
        entries.update { entries in
            entries.insert(record, at: 0)
            if entries.count > capacity { entries.removeLast(entries.count - capacity) }
        }
    }
}
