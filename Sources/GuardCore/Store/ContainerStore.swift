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
    private var version: UInt64 = 0

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

    /// Replaces every container after a full list (start-up, reconnect, the periodic resync).
    public func replaceAll(with records: [ContainerRecord], at time: Double) {
        table = ContainerTable(records)
        ordered = SortedRecords(table)
        isSynced = true
        lastSyncAt = time
        publish()
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
        ordered.replace(old, with: table.byID[id])
        publish()
    }

    public func setConnection(_ connection: EngineConnection) {
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
            version: version, containers: ordered.records, engine: engine, isSynced: isSynced, lastSyncAt: lastSyncAt)
        published.update { $0 = snapshot }
    }
}
