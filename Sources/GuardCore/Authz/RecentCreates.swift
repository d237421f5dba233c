import Synchronization

/// Containers the plugin saw created (from AuthZRes of the create call) that the store may not
/// know yet: `docker run` sends the start right after the create, often before the create event
/// reached the store. Bounded, and entries expire: the store soon knows them.
final class RecentCreates: Sendable {
    private struct Entry {
        var subject: MatchSubject
        var time: ContinuousClock.Instant
    }

    private let entries = Mutex<[String: Entry]>([:])
    private let capacity: Int
    private let lifetime: Duration

    init(capacity: Int = 1024, lifetime: Duration = .seconds(120)) {
        self.capacity = capacity
        self.lifetime = lifetime
    }

    func remember(_ subject: MatchSubject) {
        let now = ContinuousClock.now
        entries.withLock { entries in
            if entries.count >= capacity {
                entries = entries.filter { now - $0.value.time < lifetime }
                if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            }
            entries[subject.id] = Entry(subject: subject, time: now)
        }
    }

    /// The subject created with this ID, ID prefix (12+ hex digits) or name.
    func find(_ reference: String) -> MatchSubject? {
        let now = ContinuousClock.now
        return entries.withLock { entries in
            if let exact = entries[reference], now - exact.time < lifetime { return exact.subject }
            let slashName = "/" + reference
            return entries.values.first { entry in
                now - entry.time < lifetime
                    && (entry.subject.name == slashName
                        || (reference.count >= 12 && entry.subject.id.hasPrefix(reference)))
            }?.subject
        }
    }
}
