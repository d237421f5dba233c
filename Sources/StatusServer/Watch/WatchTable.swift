import GuardCore
import NIOCore

/// What the watchers were last told of each container, and what a new snapshot changes of it: the
/// records that differ, their decisions, the containers gone, the engine's link. Only changed
/// records are judged again (all of them when the allow-list changed); the pass over the snapshot
/// compares records, which share their storage with the store's when unchanged.
struct WatchTable {
    private struct Entry {
        var record: ContainerRecord
        var decision: Decision?
        /// The pass that last saw it; an entry older than the current pass is gone.
        var pass: UInt64
    }

    private var entries: [String: Entry] = [:]
    private var pass: UInt64 = 0
    private var listVersion: UInt64?
    private var engine: EngineStatus?
    /// The store version of the last snapshot advanced to.
    private var advancedTo: UInt64?
    let aliases: ImageAliases

    init(aliases: ImageAliases) {
        self.aliases = aliases
    }

    /// One snapshot's difference from the last, as one event's body.
    struct Delta: Encodable {
        let version: String
        let changed: [ContainerItem]
        let removed: [String]
        let engine: EngineBody?
        /// When the guard had this version (wall clock, seconds since the epoch): the store's change
        /// or the allow-list's load, whichever is newer, so a client reads how late it heard of it.
        let storedAt: Double?

        enum CodingKeys: String, CodingKey {
            case version, changed, removed, engine, storedAt = "stored_at"
        }

        var isEmpty: Bool { changed.isEmpty && removed.isEmpty && engine == nil }
    }

    /// The record's item when the watchers must hear of it; its entry marked seen in this pass.
    private mutating func update(_ record: ContainerRecord, list: AllowList?, rejudge: Bool) -> ContainerItem? {
        let old = entries[record.id]
        if let old, old.record == record, !rejudge {
            entries[record.id]?.pass = pass
            return nil
        }
        let decision = list.map {
            Decision.judge(record, list: $0, aliases: aliases, selfID: nil, cause: .resync)
        }
        entries[record.id] = Entry(record: record, decision: decision, pass: pass)
        guard old?.record != record || old?.decision != decision else { return nil }
        return ContainerItem(record: record, decision: decision)
    }

    mutating func advance(to snapshot: ContainerSnapshot, policy: PolicyState.Current?, version: WatchVersion)
        -> Delta
    {
        pass &+= 1
        let list = policy?.allowList
        let rejudge = policy?.listVersion != listVersion
        listVersion = policy?.listVersion
        var changed: [ContainerItem] = []
        var removed: [String] = []
        let base = advancedTo
        advancedTo = snapshot.version
        // Only the containers the journal says changed, unless it cannot say or every one must be
        // judged again.
        if !rejudge, let base, base <= snapshot.version, let changes = snapshot.journal.changes(since: base) {
            for change in changes {
                if let record = change.record {
                    if let item = update(record, list: list, rejudge: false) { changed.append(item) }
                } else if entries.removeValue(forKey: change.id) != nil {
                    removed.append(change.id)
                }
            }
            removed.sort()
        } else {
            for record in snapshot.containers {
                if let item = update(record, list: list, rejudge: rejudge) { changed.append(item) }
            }
            if entries.count > snapshot.containers.count {
                removed = entries.compactMap { $0.value.pass == pass ? nil : $0.key }.sorted()
                for id in removed { entries.removeValue(forKey: id) }
            }
        }
        let engineChanged = engine != snapshot.engine
        engine = snapshot.engine
        return Delta(
            version: version.description, changed: changed, removed: removed,
            engine: engineChanged ? EngineBody(status: snapshot.engine) : nil,
            // The newest of what the event covers: a store change, or the allow-list put in force.
            storedAt: [snapshot.publishedAt, policy?.loadedAt].compactMap { $0 }.max())
    }
}
