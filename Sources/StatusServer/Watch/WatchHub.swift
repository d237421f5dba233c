import GuardCore
import NIOCore
import ServiceLifecycle
import Synchronization

/// Follows the store and the allow-list and fans each change out to the clients of
/// `GET /containers?watch=true`, one event per version. The guard never waits for a client: the
/// hub reads snapshots the way every other follower does (a slow hub skips to the newest), and each
/// client has a bounded queue; a client that falls `clientBuffer` events behind is sent a last
/// `dropped` event and disconnected. The latest events are kept so a client resumes with `since`.
public final class WatchHub: Service, Sendable {
    struct Frame: Sendable {
        let version: WatchVersion
        let bytes: ByteBuffer
    }

    /// What a client's writer takes from its queue.
    enum Item: Sendable {
        case frame(Frame)
        /// The client was too slow: this is the last thing it is sent.
        case dropped(buffer: Int)
        /// Nothing happened for a while: a comment line, so that a client that went away is noticed
        /// (the write fails) instead of holding its socket until the next change.
        case heartbeat
    }

    final class Client: Sendable {
        let continuation: AsyncStream<Item>.Continuation
        /// Queued and not yet written.
        let pending = Atomic<Int>(0)

        init(_ continuation: AsyncStream<Item>.Continuation) {
            self.continuation = continuation
        }

        /// Called by the writer after each write.
        func written() { pending.subtract(1, ordering: .relaxed) }
    }

    /// Where a new client starts.
    enum Start: Sendable {
        /// From a full list at this state (no `since`, or one too old, from another run, or unknown).
        case sync(ContainerSnapshot, PolicyState.Current?, WatchVersion)
        /// The events after `since` are already in its queue.
        case resumed
    }

    private struct State {
        var latest: WatchVersion?
        var latestSnapshot: ContainerSnapshot?
        var latestPolicy: PolicyState.Current?
        /// The kept events cover every change after `floor` up to `latest`.
        var floor: WatchVersion?
        var kept: [Frame] = []
        var clients: [Int: Client] = [:]
        var nextID = 0
        var ended = false
    }

    private let state = Mutex(State())
    let store: ContainerStore
    let policy: PolicyState?
    let aliases: ImageAliases
    /// Events a client may have queued before it is dropped; also how many are kept for `since`.
    public let clientBuffer: Int
    private let droppedCount = Atomic<Int>(0)
    private let eventCount = Atomic<Int>(0)

    /// Counts the clients dropped (`dockerguard_watch_dropped_total`).
    let metrics: GuardMetrics?

    /// How often an idle stream gets a heartbeat.
    let heartbeatInterval: Duration

    public init(
        store: ContainerStore, policy: PolicyState?, aliases: ImageAliases, clientBuffer: Int = 1024,
        metrics: GuardMetrics? = nil, heartbeatInterval: Duration = .seconds(15)
    ) {
        self.heartbeatInterval = heartbeatInterval
        self.metrics = metrics
        self.store = store
        self.policy = policy
        self.aliases = aliases
        self.clientBuffer = max(1, clientBuffer)
    }

    /// Clients dropped for being slow, since start.
    public var dropped: Int { droppedCount.load(ordering: .relaxed) }
    /// Clients following now.
    public var clients: Int { state.withLock { $0.clients.count } }
    /// Events made since start (one per version that changed what a watcher sees).
    public var events: Int { eventCount.load(ordering: .relaxed) }

    public func run() async throws {
        let (inputs, feed) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        await withDiscardingTaskGroup { group in
            group.addTask { for await _ in self.store.snapshots() { feed.yield() } }
            if let policy {
                group.addTask { for await _ in policy.changes() { feed.yield() } }
            }
            group.addTask { [heartbeatInterval] in
                while (try? await Task.sleep(for: heartbeatInterval)) != nil { self.beat() }
            }
            var table = WatchTable(aliases: aliases)
            for await _ in inputs.cancelOnGracefulShutdown() { advance(&table) }
            group.cancelAll()
        }
        finishAll()
    }

    /// Takes the newest snapshot and allow-list, makes their event and sends it to every client.
    private func advance(_ table: inout WatchTable) {
        let snapshot = store.current
        let current = policy?.current
        let version = WatchVersion(snapshot, current)
        if state.withLock({ $0.latest == version }) { return }
        let delta = table.advance(to: snapshot, policy: current, version: version)
        let frame =
            delta.isEmpty || !snapshot.isSynced
            ? nil : Frame(version: version, bytes: WatchEvent.encode(.change, id: version, delta))
        if frame != nil { eventCount.add(1, ordering: .relaxed) }
        let finished = state.withLock { state -> [Client] in
            let first = state.latest == nil
            state.latest = version
            state.latestSnapshot = snapshot
            state.latestPolicy = current
            // The first state (every container "changed") is nobody's news; not yet synced, neither.
            guard let frame, !first else {
                if first || !snapshot.isSynced { state.floor = version }
                return []
            }
            state.kept.append(frame)
            if state.kept.count > 2 * clientBuffer {
                state.kept.removeFirst(state.kept.count - clientBuffer)
                // The floor is the version just before the oldest kept event.
                state.floor = state.kept.isEmpty ? version : Self.before(state.kept[0])
            }
            return sendToAll(.frame(frame), &state)
        }
        for client in finished { client.continuation.finish() }
    }

    /// A heartbeat to every client, queued like an event (a client that reads nothing still fills up).
    private func beat() {
        let finished = state.withLock { sendToAll(.heartbeat, &$0) }
        for client in finished { client.continuation.finish() }
    }

    /// Queues `item` for every client; returns those dropped for being too slow (taken out of
    /// `state`), whose streams the caller finishes outside the lock.
    private func sendToAll(_ item: Item, _ state: inout State) -> [Client] {
        var finished: [Client] = []
        for (id, client) in state.clients where !send(item, to: client) {
            state.clients.removeValue(forKey: id)
            finished.append(client)
        }
        return finished
    }

    /// A version just before `frame`'s: any client at or after it has every change up to it.
    private static func before(_ frame: Frame) -> WatchVersion {
        var version = frame.version
        if version.store > 0 { version.store -= 1 } else if version.policy > 0 { version.policy -= 1 }
        return version
    }

    /// Queues `item`; false when the client had too many queued and got its last event instead.
    private func send(_ item: Item, to client: Client) -> Bool {
        if client.pending.add(1, ordering: .relaxed).newValue > clientBuffer {
            client.continuation.yield(.dropped(buffer: clientBuffer))
            droppedCount.add(1, ordering: .relaxed)
            metrics?.watchClientDropped()
            return false
        }
        client.continuation.yield(item)
        return true
    }

    /// A new client's queue and where it starts; nil before the hub has seen the store.
    func subscribe(since: WatchVersion?) -> (AsyncStream<Item>, Client, Start)? {
        let (stream, continuation) = AsyncStream<Item>.makeStream(bufferingPolicy: .unbounded)
        let client = Client(continuation)
        let registered = state.withLock { state -> (Int, Start)? in
            guard !state.ended, let latest = state.latest, let snapshot = state.latestSnapshot else { return nil }
            let id = state.nextID
            state.nextID += 1
            state.clients[id] = client
            if let since, let floor = state.floor, since.process == latest.process,
                since == latest || (since < latest && (since == floor || floor < since))
            {
                let replay = state.kept.filter { since < $0.version }
                // More than a queue's worth behind is cheaper (and not dropped) as a fresh sync.
                if replay.count < clientBuffer {
                    for frame in replay { _ = send(.frame(frame), to: client) }
                    return (id, .resumed)
                }
            }
            return (id, .sync(snapshot, state.latestPolicy, latest))
        }
        guard let (id, start) = registered else {
            continuation.finish()
            return nil
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.state.withLock { $0.clients.removeValue(forKey: id) }
        }
        return (stream, client, start)
    }

    private func finishAll() {
        let clients = state.withLock { state in
            state.ended = true
            defer { state.clients.removeAll() }
            return Array(state.clients.values)
        }
        for client in clients { client.continuation.finish() }
    }
}
