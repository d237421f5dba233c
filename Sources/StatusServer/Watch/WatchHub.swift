import GuardCore
import NIOCore
import ServiceLifecycle
import Synchronization

/// Follows the store and the allow-list and fans each change out to the clients of
/// `GET /containers?watch=true`, one event per version. The guard never waits for a client: the
/// hub reads snapshots the way every other follower does (a slow hub skips to the newest), and a
/// client that falls `clientBuffer` events behind what its connection could take is sent a last
/// `dropped` event and disconnected. The latest events are kept so a client resumes with `since`.
///
/// A client's events wait in its queue until its response has handed the `sync` to the connection
/// (``attach(_:)``); from then on the hub writes them onto the connection itself
/// (``WatchConnection``), and the response only waits for the end.
public final class WatchHub: Service, Sendable {
    struct Frame: Sendable {
        let version: WatchVersion
        let bytes: ByteBuffer
    }

    /// How a client's stream ends, told to its response (which writes the last words).
    enum Ending: Sendable {
        /// Too slow: the `dropped` event naming the last version it was sent.
        case dropped(buffer: Int, lastSent: WatchVersion?)
    }

    final class Client: Sendable {
        let id: Int
        let connection: WatchConnection
        /// Its response waits on this: an `Ending`, or just the end (shutdown, a closed connection).
        let ending: AsyncStream<Ending>.Continuation

        init(id: Int, connection: WatchConnection, ending: AsyncStream<Ending>.Continuation) {
            self.id = id
            self.connection = connection
            self.ending = ending
        }
    }

    /// A client as the hub sees it.
    private struct Follower {
        let client: Client
        /// Events waiting for the `sync` to be handed over; nil once attached.
        var queued: [Frame]? = []
        /// Events written since its connection last had room (NIO buffers them meanwhile).
        var behind = 0
        /// The last version handed to it before it was attached: its `sync`'s, or the last it was
        /// replayed. Every event since went to it as to all.
        var lastSent: WatchVersion?
        /// The heartbeat tick during which it was last written to.
        var lastWrite: Int

        /// What becomes of an event (`version`) or a heartbeat (nil) for this client.
        enum Taken { case write, queued, skipped, tooSlow }

        /// Takes an event or heartbeat: queued until it is attached, to be written once it is,
        /// skipped (a heartbeat it does not need), or too slow to take it.
        mutating func take(_ bytes: ByteBuffer, version: WatchVersion?, tick: Int, buffer: Int) -> Taken {
            if version == nil, tick - lastWrite < WatchHub.beatsPerInterval { return .skipped }
            if let waiting = queued?.count {
                guard let version else { return .skipped }  // its sync is on the way: no heartbeat needed
                guard waiting < buffer else { return .tooSlow }
                queued?.append(Frame(version: version, bytes: bytes))
                return .queued
            }
            let writable = client.connection.channel.isWritable
            guard writable || behind < buffer else { return .tooSlow }
            // Behind counts the events written since its connection last had room.
            behind = writable ? 0 : behind + 1
            lastWrite = tick
            return .write
        }
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
        /// The last event written to every attached client.
        var lastEvent: WatchVersion?
        var clients: [Int: Follower] = [:]
        var nextID = 0
        var ended = false
        /// Heartbeat ticks so far, `beatsPerInterval` to a heartbeat interval.
        var tick = 0
    }

    /// A heartbeat goes to a stream silent for the ticks of one interval: an idle stream gets one
    /// every 15 s (the default), a stream that just had a change none for at least 10 s.
    fileprivate static let beatsPerInterval = 3

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
    /// How long a dropped client has to take its `dropped` event before it is hung up on: one that
    /// reads nothing would otherwise hold its response and socket (and its unread megabytes) forever.
    let dropGrace: Duration
    private let openStreams = Atomic<Int>(0)

    public init(
        store: ContainerStore, policy: PolicyState?, aliases: ImageAliases, clientBuffer: Int = 1024,
        metrics: GuardMetrics? = nil, heartbeatInterval: Duration = .seconds(15), dropGrace: Duration = .seconds(30)
    ) {
        self.heartbeatInterval = heartbeatInterval
        self.dropGrace = dropGrace
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
    /// Watch responses still open: the clients following, and dropped ones still being told so.
    public var streams: Int { openStreams.load(ordering: .relaxed) }

    /// Counts a watch response for ``streams`` while `body` runs.
    func countingStream<T>(_ body: () async throws -> T) async rethrows -> T {
        openStreams.add(1, ordering: .relaxed)
        defer { openStreams.subtract(1, ordering: .relaxed) }
        return try await body()
    }

    public func run() async throws {
        let (inputs, feed) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        await withDiscardingTaskGroup { group in
            group.addTask { for await _ in self.store.snapshots() { feed.yield() } }
            if let policy {
                group.addTask { for await _ in policy.changes() { feed.yield() } }
            }
            group.addTask { [heartbeatInterval] in
                let tick = heartbeatInterval / Self.beatsPerInterval
                while (try? await Task.sleep(for: tick)) != nil { self.beat() }
            }
            var table = WatchTable(aliases: aliases)
            // Not `inputs.cancelOnGracefulShutdown()`: its `merge` (swift-async-algorithms 1.1.4)
            // can hold its lock across a suspension, and a cancellation then deadlocks the event
            // loop that runs it (apple/swift-async-algorithms#430; a dashboard whose API port was
            // taken hung in about one start in ten). The shutdown ends the stream instead, and
            // a cancellation ends its iteration.
            await withGracefulShutdownHandler {
                for await _ in inputs { advance(&table) }
            } onGracefulShutdown: {
                feed.finish()
            }
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
        let dropped = state.withLock { state -> [Dropped] in
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
            return sendToAll(frame.bytes, version: frame.version, &state)
        }
        end(dropped)
    }

    /// A heartbeat to every attached client silent for an interval, counted like an event (a
    /// client that reads nothing still fills up). One whose `sync` is on its way has bytes coming.
    private func beat() {
        end(
            state.withLock { state in
                state.tick += 1
                return sendToAll(WatchEvent.heartbeat, version: nil, &state)
            })
    }

    /// A client taken out for being too slow, and what its response is to tell it.
    private typealias Dropped = (client: Client, ending: Ending)

    /// Sends an event (`version`) or a heartbeat (nil) to every client: written onto the attached
    /// ones' connections, queued for the others. Returns those dropped for being too slow, taken
    /// out of `state`, whose responses the caller tells outside the lock.
    ///
    /// Called under the lock, so that the writes onto each event loop are in version order and
    /// after the ones `attach` made.
    private func sendToAll(_ bytes: ByteBuffer, version: WatchVersion?, _ state: inout State) -> [Dropped] {
        var writes: [Client] = []
        writes.reserveCapacity(state.clients.count)
        var tooSlow: [Int] = []
        // By index, not `for (id, follower) in state.clients`: that loop holds the dictionary, so
        // changing a follower inside it copied all of them on every event.
        var index = state.clients.values.startIndex
        while index != state.clients.values.endIndex {
            switch state.clients.values[index].take(bytes, version: version, tick: state.tick, buffer: clientBuffer) {
            case .write: writes.append(state.clients.values[index].client)
            case .tooSlow: tooSlow.append(state.clients.keys[index])
            case .queued, .skipped: break
            }
            state.clients.values.formIndex(after: &index)
        }
        if !writes.isEmpty { WatchConnection.write(WatchConnection.chunk(bytes), to: writes) }
        // Too far behind: this event is not sent; the client resumes from the last one it was.
        var dropped: [Dropped] = []
        for id in tooSlow {
            guard let follower = state.clients.removeValue(forKey: id) else { continue }
            let lastSent = follower.queued == nil ? Self.later(follower.lastSent, state.lastEvent) : follower.lastSent
            dropped.append((follower.client, .dropped(buffer: clientBuffer, lastSent: lastSent)))
            droppedCount.add(1, ordering: .relaxed)
            metrics?.watchClientDropped()
        }
        if let version { state.lastEvent = version }
        return dropped
    }

    /// Tells each dropped client's response how it ended.
    private func end(_ dropped: [Dropped]) {
        for (client, ending) in dropped {
            client.ending.yield(ending)
            client.ending.finish()
        }
    }

    private static func later(_ a: WatchVersion?, _ b: WatchVersion?) -> WatchVersion? {
        guard let a, let b else { return a ?? b }
        return max(a, b)
    }

    /// A version just before `frame`'s: any client at or after it has every change up to it.
    private static func before(_ frame: Frame) -> WatchVersion {
        var version = frame.version
        if version.store > 0 { version.store -= 1 } else if version.policy > 0 { version.policy -= 1 }
        return version
    }

    /// A new client on `connection`, and where it starts; nil before the hub has seen the store.
    /// Its events wait until its response calls ``attach(_:)``; `ending` says when it is over.
    func subscribe(since: WatchVersion?, connection: WatchConnection)
        -> (client: Client, start: Start, ending: AsyncStream<Ending>)?
    {
        let (ending, continuation) = AsyncStream<Ending>.makeStream()
        let registered = state.withLock { state -> (Client, Start)? in
            guard !state.ended, let latest = state.latest, let snapshot = state.latestSnapshot else { return nil }
            let client = Client(id: state.nextID, connection: connection, ending: continuation)
            state.nextID += 1
            if let since, let floor = state.floor, since.process == latest.process,
                since == latest || (since < latest && (since == floor || floor < since))
            {
                let replay = state.kept.filter { since < $0.version }
                // More than a queue's worth behind is cheaper (and not dropped) as a fresh sync.
                if replay.count < clientBuffer {
                    state.clients[client.id] = Follower(
                        client: client, queued: replay, lastSent: since, lastWrite: state.tick)
                    return (client, .resumed)
                }
            }
            state.clients[client.id] = Follower(client: client, lastSent: latest, lastWrite: state.tick)
            return (client, .sync(snapshot, state.latestPolicy, latest))
        }
        guard let (client, start) = registered else {
            continuation.finish()
            return nil
        }
        // A client that goes away is forgotten at once, whatever it was waiting for.
        connection.channel.closeFuture.whenComplete { [weak self] _ in self?.forget(client) }
        return (client, start, ending)
    }

    /// The client's response has handed its `sync` (if any) to the connection: what was queued
    /// meanwhile follows it, and every later event is written by the hub.
    func attach(_ client: Client) {
        state.withLock { state in
            guard var follower = state.clients[client.id], let queued = follower.queued else { return }
            follower.queued = nil
            follower.lastWrite = state.tick
            if let last = queued.last { follower.lastSent = last.version }
            state.clients[client.id] = follower
            guard !queued.isEmpty else { return }
            // What waited goes out as one chunk, after the sync on the same event loop.
            var waited = ByteBuffer()
            for frame in queued { waited.writeImmutableBuffer(frame.bytes) }
            WatchConnection.write(WatchConnection.chunk(waited), to: [client])
        }
    }

    /// Takes the client out and ends its response (its connection closed, or the server is
    /// shutting down).
    func forget(_ client: Client) {
        _ = state.withLock { $0.clients.removeValue(forKey: client.id) }
        client.ending.finish()
    }

    private func finishAll() {
        let clients = state.withLock { state in
            state.ended = true
            defer { state.clients.removeAll() }
            return state.clients.values.map(\.client)
        }
        for client in clients { client.ending.finish() }
    }
}
