/// Which containers the last versions of the store changed, so a reader that judged version V can
/// look at only what changed since instead of comparing every record (issue 16: the enforcer and
/// the watch stream each compared N records per event). It keeps the last `capacity` changes; a
/// reader further behind, or behind a full replace of the table, gets nil and compares in full.
public struct ChangeJournal: Sendable, Hashable {
    public static let defaultCapacity = 64

    /// One container changed at one version: its record then, or nil when it went away.
    public struct Change: Sendable, Hashable {
        public var version: UInt64
        public var id: String
        public var record: ContainerRecord?
    }

    public let capacity: Int
    /// A reader at this version or later has an answer: every change after it is kept.
    public private(set) var floor: UInt64 = 0
    private var kept: [Change] = []

    public init(capacity: Int = defaultCapacity) {
        self.capacity = max(1, capacity)
    }

    /// A journal that answers nothing: the readers of a snapshot made without one compare in full.
    public static let unknown: ChangeJournal = {
        var journal = ChangeJournal(capacity: 1)
        journal.floor = .max
        return journal
    }()

    /// `id` changed to `record` (nil: removed) at `version`, the store's version after the change.
    mutating func record(_ id: String, _ record: ContainerRecord?, at version: UInt64) {
        kept.append(Change(version: version, id: id, record: record))
        if kept.count > capacity {
            let dropped = kept.count - capacity
            floor = kept[dropped - 1].version
            kept.removeFirst(dropped)
        }
    }

    /// The whole table was replaced at `version`: nothing before it can be answered from here.
    mutating func reset(at version: UInt64) {
        kept.removeAll(keepingCapacity: true)
        floor = version
    }

    /// The containers changed after `version`, each once with its latest record, oldest change
    /// first; nil when that is not known (too far behind, or before a full replace).
    public func changes(since version: UInt64) -> [Change]? {
        guard version >= floor else { return nil }
        let start = kept.firstIndex { $0.version > version } ?? kept.endIndex
        var latest: [String: Int] = [:]
        for index in start..<kept.endIndex { latest[kept[index].id] = index }
        return (start..<kept.endIndex).compactMap { latest[kept[$0].id] == $0 ? kept[$0] : nil }
    }
}
