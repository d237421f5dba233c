import DockerEngine

/// What the dashboard reads from the engine about one container for its views — its output, its
/// inspect, its resource use — so the TUI sees the engine only through the core.
public struct ContainerViews: Sendable {
    let client: DockerClient

    public init(client: DockerClient) {
        self.client = client
    }

    /// The last `tail` lines of the container's output, then each line as it is written, in
    /// batches of all that came since the last; at most `keepingAtMost` wait for a reader that
    /// is behind (older ones are skipped and counted). The stream finishes when the container
    /// stops; ending the iteration closes it.
    public func followLogs(_ id: String, tail: Int, keepingAtMost limit: Int = 10_000) async throws
        -> AsyncMapSequence<LogLineStream, LogEntryBatch>
    {
        let tty = try await client.inspectContainer(id).config.tty ?? false
        let lines = try await client.followLogs(id, tail: tail, tty: tty, timestamps: true, keepingAtMost: limit)
        return lines.map { batch in
            LogEntryBatch(
                entries: batch.lines.map { LogEntry($0, timestamped: true) }, skippedBefore: batch.skippedBefore)
        }
    }

    /// The container's inspect, as the engine wrote it.
    public func inspectJSON(_ id: String) async throws -> String {
        String(decoding: try await client.inspectContainerJSON(id), as: UTF8.self)
    }

    /// One resource sample: CPU since `previous` (nil on the first), memory less the page cache.
    public func sample(_ id: String, previous: ResourceSample?) async throws -> ResourceSample {
        let stats = try await client.containerStats(id)
        return ResourceSample(stats: stats, previous: previous)
    }
}

/// A container's CPU and memory as the dashboard's columns show them.
public struct ResourceSample: Sendable, Hashable {
    /// `docker stats`' CPU % (100 = one core) since the previous sample; nil on the first.
    public var cpuPercent: Double?
    /// Bytes in use less the page cache.
    public var memoryBytes: UInt64?
    public var memoryLimit: UInt64?
    /// The raw counters, for the next sample's deltas.
    let raw: ContainerStats?

    /// Whether the engine was asked for it (not read from the container's cgroup files): what the
    /// engine's budget counts.
    public var askedTheEngine: Bool { raw?.source == .engine }

    public init(cpuPercent: Double?, memoryBytes: UInt64?, memoryLimit: UInt64? = nil) {
        self.cpuPercent = cpuPercent
        self.memoryBytes = memoryBytes
        self.memoryLimit = memoryLimit
        raw = nil
    }

    init(stats: ContainerStats, previous: ResourceSample?) {
        cpuPercent = previous?.raw.flatMap { stats.cpuPercent(since: $0) }
        memoryBytes = stats.memory.usageWithoutCache
        memoryLimit = stats.memory.limit
        raw = stats
    }
}
