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
        /// Resync period, the safety net under the event stream: the containers are listed and those
        /// whose listing disagrees with the store are inspected; every `fullResyncEvery`-th time
        /// (and on every connection) all of them are. A full resync of 1,000 containers is 1,000
        /// inspects: about half a second of the guard's CPU, and more of the engine's.
        public var resyncInterval: Duration = .seconds(60)
        public var fullResyncEvery = 10
        public var reconnectBackoff = Backoff(initial: .milliseconds(250), maximum: .seconds(5))
        /// Inspects running in parallel during a resync (the engine answers each in well under a
        /// millisecond of its own CPU; 8 left most of a 1,000-container sync waiting on round trips).
        public var inspectConcurrency = 32
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
                await store.setConnection(.reconnecting(error: reason))
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
            // The periodic resync runs beside the events: its records are written one by one as
            // they come (never over a newer event's change), so enforcement never waits for it.
            group.addTask { [interval = configuration.resyncInterval, every = configuration.fullResyncEvery] in
                for tick in 1... {
                    try await Task.sleep(for: interval)
                    try await resync(full: tick % max(every, 1) == 0)
                }
            }
            group.addTask { try await watchLiveness() }
            group.addTask { try await consume(inputs, feed: feed, resumePoint: resumePoint) }
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

    /// Applies the events in order. A container the store does not know is inspected in a task of
    /// its own, so its inspect holds up no other container's events; its own later events wait for
    /// that inspect (in `held`), so one container's changes still apply in the engine's order.
    private func consume(
        _ inputs: AsyncStream<SyncInput>, feed: AsyncStream<SyncInput>.Continuation, resumePoint: ResumeBox
    ) async throws {
        try await withThrowingDiscardingTaskGroup { inspects in
            var held: [String: [EngineEvent]] = [:]
            func inspect(_ id: String) {
                held[id] = held[id] ?? []
                inspects.addTask { [client] in
                    do {
                        feed.yield(.inspected(id: id, ContainerRecord(try await client.inspectContainer(id))))
                    } catch EngineError.notFound {
                        feed.yield(.inspected(id: id, nil))  // gone before we looked; its destroy event follows
                    } catch {
                        feed.yield(.lost(error))
                    }
                }
            }
            for await input in inputs {
                switch input {
                case .event(let event):
                    metrics.eventReceived()
                    logger.debug(
                        "engine event",
                        metadata: ["action": "\(event.action)", "container": "\(event.actor.id.prefix(12))"])
                    resumePoint.point.withLock { $0.advance(toAtLeast: event.timeNano) }
                    if held[event.actor.id] != nil {
                        held[event.actor.id]?.append(event)
                    } else if case .needsInspect(let id) = await store.apply(event) {
                        inspect(id)
                    }
                case .inspected(let id, let record):
                    if let record { await store.upsert(record) } else { await store.remove(id: id) }
                    var waiting = held.removeValue(forKey: id) ?? []
                    while !waiting.isEmpty {
                        if case .needsInspect = await store.apply(waiting.removeFirst()) {
                            inspect(id)
                            held[id] = waiting
                            break
                        }
                    }
                case .lost(let error):
                    throw error
                }
            }
        }
    }

    /// Lists every container and inspects each (`full`) or each whose listing disagrees with the
    /// store, `inspectConcurrency` at a time, writing each record as its inspect comes back (so the
    /// enforcer judges the first ones while the rest are asked), then removes the containers no
    /// longer listed.
    func resync(full: Bool = true) async throws {
        let listedAt = store.current.version
        let summaries = try await client.listContainers(all: true)
        var stale = summaries
        if !full {
            let known = store.current.containers
            let byID = Dictionary(known.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            stale = summaries.filter { byID[$0.id]?.agrees(with: $0) != true }
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            var pending = stale.makeIterator()
            func inspectNext() {
                guard let summary = pending.next() else { return }
                group.addTask { [client, store] in
                    let sent = store.current.version
                    do {
                        let record = ContainerRecord(try await client.inspectContainer(summary.id))
                        await store.syncUpsert(record, unchangedSince: sent)
                    } catch EngineError.notFound {
                        // removed between the list and the inspect: finishSync forgets it
                    }
                }
            }
            for _ in 0..<configuration.inspectConcurrency { inspectNext() }
            while try await group.next() != nil { inspectNext() }
        }
        await store.finishSync(listed: Set(summaries.map(\.id)), since: listedAt, at: WallClock.seconds())
        MemoryTrim.releaseFreeMemory(afterSeconds: 2)
        metrics.resynced()
        logger.debug(
            "resync done",
            metadata: [
                "containers": .stringConvertible(summaries.count), "inspected": .stringConvertible(stale.count),
            ])
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
    /// A new container's inspect came back (nil: it was gone).
    case inspected(id: String, ContainerRecord?)
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
