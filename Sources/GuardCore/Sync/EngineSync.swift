import DockerEngine
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// Keeps the store equal to the engine: subscribe to `/events`, take a full list, then apply events
/// as they come, with a full resync on a slow timer as a safety net. When the engine goes away it
/// reconnects with backoff and resumes the events where it left off, so nothing is missed.
public struct EngineSync: Service {
    public struct Configuration: Sendable {
        /// Full resync period, the safety net under the event stream.
        public var resyncInterval: Duration = .seconds(60)
        public var reconnectBackoff = Backoff(initial: .milliseconds(250), maximum: .seconds(5))
        /// Inspects running in parallel during a resync.
        public var inspectConcurrency = 8
        /// Liveness: a `/_ping` this often, each with this deadline; after `probeMisses` unanswered
        /// in a row the engine counts as not answering (a hung engine accepts and never answers).
        /// Generous, so that an engine slow under load is not taken for a hung one.
        public var probeInterval: Duration = .seconds(2)
        public var probeTimeout: Duration = .seconds(5)
        public var probeMisses = 3

        public init() {}
    }

    let client: DockerClient
    let store: ContainerStore
    let configuration: Configuration
    let metrics: GuardMetrics
    let logger: Logger

    public init(
        client: DockerClient, store: ContainerStore, configuration: Configuration = .init(),
        metrics: GuardMetrics = GuardMetrics(), logger: Logger
    ) {
        self.client = client
        self.store = store
        self.configuration = configuration
        self.metrics = metrics
        self.logger = logger
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            await reconnectLoop()
        }
    }

    private func reconnectLoop() async {
        let resumePoint = ResumeBox()
        var attempt = 0
        // Since when the engine has not answered (a hang rather than a refusal), to say for how long.
        var silentSince: Double?
        while !Task.isCancelled {
            do {
                try await session(
                    resumePoint: resumePoint,
                    onConnected: {
                        if let silentSince {
                            logger.notice(
                                "the engine answers again",
                                metadata: ["silent_s": "\(Int(WallClock.seconds() - silentSince))"])
                        }
                        attempt = 0
                        silentSince = nil
                    })
            } catch {
                if Task.isCancelled { return }
                attempt += 1
                metrics.reconnected()
                switch error {
                case let stall as EngineStall: silentSince = silentSince ?? stall.since
                case EngineError.timeout where silentSince != nil: break
                default: silentSince = nil
                }
                let reason =
                    silentSince.map { EngineStall.describe(since: $0, now: WallClock.seconds()) }
                    ?? (error as? EngineError)?.description ?? "\(error)"
                await store.setConnection(.reconnecting(attempt: attempt, error: reason))
                let delay = configuration.reconnectBackoff.delay(attempt: attempt)
                logger.warning(
                    "engine unavailable, retrying",
                    metadata: [
                        "error": "\(reason)", "attempt": .stringConvertible(attempt),
                        "retry_in_ms": .stringConvertible(delay.milliseconds),
                    ])
                do { try await Task.sleep(for: delay) } catch { return }
            }
        }
    }

    /// One connection's life: returns (by throwing) only when the engine is lost.
    private func session(resumePoint: ResumeBox, onConnected: () -> Void) async throws {
        let version = try await client.negotiate()
        let sessionStart = WallClock.nanoseconds()
        // Subscribe before listing: whatever changes during the list arrives as events afterwards.
        let since = resumePoint.point.withLock { $0.since }
        let events = try await client.events(since: since, filters: ["type": ["container"]])
        try await resync()
        await store.setEngineVersion(
            version.displayVersion, apiVersion: client.negotiatedAPIVersion?.description ?? version.apiVersion)
        await store.setConnection(.connected)
        onConnected()
        resumePoint.point.withLock { $0.advance(toAtLeast: sessionStart) }
        logger.info(
            "connected to the Docker engine",
            metadata: [
                "endpoint": "\(client.endpoint)", "engine_version": "\(version.displayVersion)",
                "api_version": "\(client.negotiatedAPIVersion?.description ?? "?")",
                "containers": .stringConvertible(store.current.containers.count),
            ])

        let (inputs, feed) = AsyncStream<SyncInput>.makeStream()
        // Every part is a child task, so the first to fail (the stream lost, the engine silent)
        // ends the session at once, cancelling whatever call the others are waiting on.
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                do {
                    for try await event in events { feed.yield(.event(event)) }
                    feed.yield(
                        .lost(
                            EngineError.unreachable(endpoint: client.endpoint.description, reason: "event stream ended")
                        ))
                } catch {
                    feed.yield(.lost(error))
                }
            }
            group.addTask { [interval = configuration.resyncInterval] in
                while true {
                    try await Task.sleep(for: interval)
                    feed.yield(.resyncDue)
                }
            }
            group.addTask { try await watchLiveness() }
            group.addTask {
                for await input in inputs {
                    switch input {
                    case .event(let event):
                        metrics.eventReceived()
                        logger.debug(
                            "engine event",
                            metadata: [
                                "action": "\(event.action)", "container": "\(event.actor.id.prefix(12))",
                            ])
                        resumePoint.point.withLock { $0.advance(toAtLeast: event.timeNano) }
                        try await apply(event)
                    case .resyncDue:
                        try await resync()
                    case .lost(let error):
                        throw error
                    }
                }
            }
            defer { group.cancelAll() }
            try await group.next()
        }
    }

    /// Pings the engine with a deadline until it fails to answer `probeMisses` times in a row
    /// (then throws ``EngineStall``) or refuses (then throws its error).
    func watchLiveness() async throws {
        var misses = 0
        var firstMiss: Double?
        while true {
            try await Task.sleep(for: configuration.probeInterval)
            let sent = WallClock.seconds()
            do {
                _ = try await client.ping(timeout: .init(configuration.probeTimeout))
                misses = 0
                firstMiss = nil
            } catch {
                // Only silence counts; a refusal ends the session as any lost connection does.
                guard case .timeout = error else { throw error }
                misses += 1
                firstMiss = firstMiss ?? sent
                logger.debug("engine ping unanswered", metadata: ["misses": "\(misses)"])
                if misses >= configuration.probeMisses { throw EngineStall(since: firstMiss ?? sent) }
            }
        }
    }

    private func apply(_ event: EngineEvent) async throws {
        guard case .needsInspect(let id) = await store.apply(event) else { return }
        do {
            await store.upsert(ContainerRecord(try await client.inspectContainer(id)))
        } catch .notFound {
            await store.remove(id: id)  // gone before we looked; its destroy event follows
        }
    }

    /// Lists every container and inspects each, then replaces the store's table in one step.
    func resync() async throws {
        let summaries = try await client.listContainers(all: true)
        let records = try await withThrowingTaskGroup(of: ContainerRecord?.self) { group in
            var records: [ContainerRecord] = []
            var pending = summaries.makeIterator()
            func inspectNext() {
                guard let summary = pending.next() else { return }
                group.addTask { [client] in
                    do {
                        return ContainerRecord(try await client.inspectContainer(summary.id))
                    } catch EngineError.notFound {
                        return nil  // removed between the list and the inspect
                    }
                }
            }
            for _ in 0..<configuration.inspectConcurrency { inspectNext() }
            while let record = try await group.next() {
                if let record { records.append(record) }
                inspectNext()
            }
            return records
        }
        await store.replaceAll(with: records, at: WallClock.seconds())
        metrics.resynced()
        logger.debug("resync done", metadata: ["containers": .stringConvertible(records.count)])
    }
}

/// The engine accepted connections but answered no ping in time, since `since` (wall-clock seconds).
struct EngineStall: Error {
    var since: Double

    /// `engine not answering for 12 s`: what `/readyz`, the status bar and the log say.
    static func describe(since: Double, now: Double) -> String {
        "engine not answering for \(max(Int(now - since), 0)) s"
    }
}

private enum SyncInput: Sendable {
    case event(EngineEvent)
    case resyncDue
    case lost(any Error)
}

/// The resume point, shared by the session's tasks.
final class ResumeBox: Sendable {
    let point = Mutex(ResumePoint())
}

/// Where to resume the event stream after a reconnect: the newest event seen, or the time the last
/// session started when it saw none. Nanoseconds since the epoch.
struct ResumePoint {
    private(set) var nanos: Int64?

    var since: String? { nanos.map(EngineEvent.sinceParameter(nanos:)) }

    mutating func advance(toAtLeast candidate: Int64) {
        nanos = max(nanos ?? candidate, candidate)
    }
}
