import DockerEngine
import Logging
import ServiceLifecycle

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
        var resumePoint = ResumePoint()
        var attempt = 0
        while !Task.isCancelled {
            do {
                try await session(resumePoint: &resumePoint, onConnected: { attempt = 0 })
            } catch {
                if Task.isCancelled { return }
                attempt += 1
                metrics.reconnected()
                let reason = (error as? EngineError)?.description ?? "\(error)"
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
    private func session(resumePoint: inout ResumePoint, onConnected: () -> Void) async throws {
        let version = try await client.negotiate()
        let sessionStart = WallClock.nanoseconds()
        // Subscribe before listing: whatever changes during the list arrives as events afterwards.
        let events = try await client.events(since: resumePoint.since, filters: ["type": ["container"]])
        try await resync()
        await store.setEngineVersion(
            version.version, apiVersion: client.negotiatedAPIVersion?.description ?? version.apiVersion)
        await store.setConnection(.connected)
        onConnected()
        resumePoint.advance(toAtLeast: sessionStart)
        logger.info(
            "connected to the Docker engine",
            metadata: [
                "endpoint": "\(client.endpoint)", "engine_version": "\(version.version)",
                "api_version": "\(client.negotiatedAPIVersion?.description ?? "?")",
                "containers": .stringConvertible(store.current.containers.count),
            ])

        let (inputs, feed) = AsyncStream<SyncInput>.makeStream()
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
            defer { group.cancelAll() }
            for await input in inputs {
                switch input {
                case .event(let event):
                    metrics.eventReceived()
                    logger.debug(
                        "engine event",
                        metadata: [
                            "action": "\(event.action)", "container": "\(event.actor.id.prefix(12))",
                        ])
                    resumePoint.advance(toAtLeast: event.timeNano)
                    try await apply(event)
                case .resyncDue:
                    try await resync()
                case .lost(let error):
                    throw error
                }
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

private enum SyncInput: Sendable {
    case event(EngineEvent)
    case resyncDue
    case lost(any Error)
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
