/// An immutable view of the store at one version. Every change to the containers or to the engine
/// link makes a new version, so consumers can cache anything derived from a snapshot by its version.
public struct ContainerSnapshot: Sendable, Hashable {
    public var version: UInt64
    /// All known containers, ordered by name (then ID).
    public var containers: RecordList
    public var engine: EngineStatus
    /// False until the first full list of the engine's containers has been taken.
    public var isSynced: Bool
    /// Wall-clock time of the last full resync, seconds since the epoch.
    public var lastSyncAt: Double?
    /// Which containers the last versions changed (see ``ChangeJournal``).
    public var journal: ChangeJournal
    /// Wall-clock time this version was published, seconds since the epoch: how long a follower
    /// (a watch client) took to hear of a change is measured from it.
    public var publishedAt: Double?

    public init(
        version: UInt64, containers: some Sequence<ContainerRecord>, engine: EngineStatus, isSynced: Bool,
        lastSyncAt: Double?, journal: ChangeJournal = .unknown, publishedAt: Double? = nil
    ) {
        self.journal = journal
        self.publishedAt = publishedAt
        self.version = version
        self.containers = containers as? RecordList ?? RecordList(containers)
        self.engine = engine
        self.isSynced = isSynced
        self.lastSyncAt = lastSyncAt
    }

    public var running: [ContainerRecord] { containers.filter(\.isRunning) }

    /// Ready means the data is both complete and current: synced once, and connected now.
    public var isReady: Bool { isSynced && engine.connection.isConnected }
}
