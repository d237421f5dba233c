import GuardCore

/// The last decision about each container, reused while the container, its image's known names and
/// the allow-list are what they were: a frame after one event judges the one container it changed,
/// not the whole host (judging was half of a frame at 1,000 containers; BENCHMARKS.md, issue 16).
/// Used by the one thread that builds the table.
public final class DecisionMemo {
    /// A class: a lookup then retains one reference, not each of a record's and a decision's fields
    /// (those retains were most of a frame's judging at 1,000 containers).
    private final class Entry {
        let record: ContainerRecord
        let aliases: [String]?
        let decision: Decision

        init(record: ContainerRecord, aliases: [String]?, decision: Decision) {
            self.record = record
            self.aliases = aliases
            self.decision = decision
        }
    }

    private var entries: [String: Entry] = [:]
    private var policyVersion: UInt64?
    /// Decisions made rather than reused, for tests.
    private(set) var judged = 0

    public init() {}

    /// What `list` (version `policyVersion`) decides about `record`, from the memo when nothing it
    /// depends on has changed.
    func decision(
        _ record: ContainerRecord, list: AllowList, policyVersion: UInt64, aliases: ImageAliases
    ) -> Decision {
        if policyVersion != self.policyVersion {
            entries.removeAll(keepingCapacity: true)
            self.policyVersion = policyVersion
        }
        let names = aliases.cached(record.imageID)
        if let entry = entries[record.id], entry.aliases == names, entry.record == record { return entry.decision }
        let decision = Decision.judge(
            MatchSubject(record, aliases: names ?? []), list: list, selfID: nil, cause: .resync)
        judged += 1
        entries[record.id] = Entry(record: record, aliases: names, decision: decision)
        return decision
    }

    /// Forgets containers the host no longer has, once they are as many as those it has.
    func forgetGone(keeping containers: some Collection<ContainerRecord>) {
        guard entries.count > 2 * containers.count + 64 else { return }
        let live = Set(containers.map(\.id))
        entries = entries.filter { live.contains($0.key) }
    }
}
