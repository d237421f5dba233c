import DockerEngine

/// The one source of truth about the host's containers.
///
/// Writers (the engine sync) go through the actor; readers take `current` without a hop (the HTTP
/// server reads it on every request) or subscribe to `snapshots()`.
public actor ContainerStore {
    private var table = ContainerTable()
    private var ordered = SortedRecords(ContainerTable())
    private var engine: EngineStatus
    private var isSynced = false
    private var lastSyncAt: Double?
    /// Syncs finished, first and periodic (tests wait on it; nothing is published for it).
    public private(set) var finishedSyncs = 0
    private var version: UInt64 = 0
    private var journal = ChangeJournal()
    /// The version at which each container last changed (kept a while for removed ones), so that a
    /// resync running beside the events never writes an inspect older than an event's change.
    private var changedAt: [String: UInt64] = [:]

    private nonisolated let published: Observed<ContainerSnapshot>

    public init(endpoint: String) {
        engine = EngineStatus(endpoint: endpoint)
        published = Observed(
            ContainerSnapshot(version: 0, containers: [], engine: engine, isSynced: false, lastSyncAt: nil))
    }

    /// The latest snapshot, readable from any thread.
    public nonisolated var current: ContainerSnapshot { published.value }

    /// The current snapshot, then each new one. A slow subscriber skips intermediate versions and
    /// always gets the newest: bursts of events coalesce into one wake-up.
    public nonisolated func snapshots() -> AsyncStream<ContainerSnapshot> { published.changes() }

    // MARK: - Writes

    /// Replaces every container at once (tests and the in-process benchmark; the engine sync goes
    /// record by record, ``syncUpsert(_:unchangedSince:)`` then ``finishSync(listed:since:at:)``).
    public func replaceAll(with records: [ContainerRecord], at time: Double) {
        table = ContainerTable(records)
        ordered = SortedRecords(table)
        isSynced = true
        lastSyncAt = time
        journal.reset(at: version + 1)
        changedAt = [:]
        publish()
    }

    /// A resync's inspect of one container, sent when the store was at `version`: written unless
    /// an event changed that container since (the event is newer than the inspect).
    public func syncUpsert(_ record: ContainerRecord, unchangedSince version: UInt64) {
        if let changed = changedAt[record.id], changed > version { return }
        upsert(record)
    }

    /// Ends a resync that listed `listed` when the store was at `version`: the containers not listed
    /// and not changed since are gone; the store is synced. A resync that found nothing new publishes
    /// nothing: the version (the API's ETag) moves only when what it shows changes, and `lastSyncAt`
    /// rides on the next change (the enforcer reads it only when judging one).
    public func finishSync(listed: Set<String>, since version: UInt64, at time: Double) {
        let gone = table.byID.keys.filter { !listed.contains($0) && (changedAt[$0] ?? 0) <= version }
        for id in gone {
            let old = table.byID[id]
            table.remove(id: id)
            ordered.replace(old, with: nil)
            journal.record(id, nil, at: self.version + 1)
        }
        // Removed containers are kept only as long as a resync in progress may need them.
        changedAt = changedAt.filter { table.byID[$0.key] != nil || $0.value > version }
        let firstSync = !isSynced
        isSynced = true
        lastSyncAt = time
        finishedSyncs += 1
        if firstSync || !gone.isEmpty { publish() }
    }

    /// Applies an engine event; tells the caller when it must inspect a container it does not know.
    public func apply(_ event: EngineEvent) -> ContainerTable.Effect {
        let old = table.byID[event.actor.id]
        let effect = table.apply(event)
        if effect == .changed { changed(old, id: event.actor.id) }
        return effect
    }

    /// Inserts or updates one container from a fresh inspect.
    public func upsert(_ record: ContainerRecord) {
        let old = table.byID[record.id]
        if table.upsert(record) { changed(old, id: record.id) }
    }

    public func remove(id: String) {
        let old = table.byID[id]
        if table.remove(id: id) { changed(old, id: id) }
    }

    private func changed(_ old: ContainerRecord?, id: String) {
        let new = table.byID[id]
        ordered.replace(old, with: new)
        journal.record(id, new, at: version + 1)
        changedAt[id] = version + 1
        publish()
    }

    public func setConnection(_ connection: EngineConnection) {
        // A retry that fails as the last one did is the same state: no new version, so the ETag
        // stays and watchers get no empty event.
        guard engine.connection != connection else { return }
        engine.connection = connection
        publish()
    }

    public func setEngineVersion(_ engineVersion: String, apiVersion: String) {
        engine.engineVersion = engineVersion
        engine.apiVersion = apiVersion
        publish()
    }

    private func publish() {
        version += 1
        let snapshot = ContainerSnapshot(
            version: version, containers: ordered.records, engine: engine, isSynced: isSynced, lastSyncAt: lastSyncAt,
            journal: journal, publishedAt: WallClock.seconds())
        published.update { $0 = snapshot }
    }
}
