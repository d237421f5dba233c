import NIOConcurrencyHelpers

/// At most `limit` connections, lent one request at a time. A request takes an idle connection,
/// or waits for the first to become free: one given back by another request, or a new one opened
/// in the background. A new one is opened only when it pays (see `opens`, with both durations
/// measured as they happen), or when a request has waited as long as an opening takes (a
/// connection held by a slow call, a stop that waits its timeout).
///
/// Over ssh a connection is an ssh session and a remote `docker system dial-stdio`: ~150 ms, most
/// of it CPU, on this project's loopback sshd, while an inspect on an open connection takes a
/// millisecond or two. A sync's 100 inspects then share the one connection (first sync over ssh
/// at 100 containers ~720 ms, against ~1,050 ms opening four; BENCHMARKS.md, issue 14). Over a
/// real network, where each request waits a round trip, the same sum opens the others.
final class ConnectionLeases<Connection: Sendable>: Sendable {
    private struct Waiter {
        var id: UInt64
        var continuation: CheckedContinuation<Connection, any Error>
        var since: ContinuousClock.Instant
    }

    private struct State {
        var idle: [Connection] = []
        /// Connections alive or being opened.
        var count = 0
        var waiting: [Waiter] = []
        var closed = false
        /// Seconds an opening takes, up to its first answer (an ssh process is started at once, its
        /// session only set up as the first request goes through it), and a lent connection is held,
        /// as moving averages (nil until the first of each).
        var openSeconds: Double?
        var requestSeconds: Double?
        /// The last opening's own seconds, until its first request adds to it.
        var lastOpening: Double = 0
        /// A task is watching the oldest waiter (``watchWaiters()``).
        var watching = false
        /// How long a waiter waits before the watcher opens one more: an opening's time, 50 ms
        /// before one was measured.
        var openingWait: Double { openSeconds ?? 0.05 }
        var lastWaiterID: UInt64 = 0
    }

    private let state = NIOLockedValueBox(State())
    /// The watcher's shortest sleep, however quick an opening is.
    static var shortestWatch: Double { 0.001 }  // computed: a generic type stores no statics
    private let limit: Int
    private let open: @Sendable () async throws -> Connection
    private let isUsable: @Sendable (Connection) -> Bool
    private let close: @Sendable (Connection) -> Void

    init(
        limit: Int, open: @escaping @Sendable () async throws -> Connection,
        isUsable: @escaping @Sendable (Connection) -> Bool, close: @escaping @Sendable (Connection) -> Void
    ) {
        self.limit = max(limit, 1)
        self.open = open
        self.isUsable = isUsable
        self.close = close
    }

    /// Whether the requests waiting are better served by opening one more connection: always when
    /// none is open or coming, or before anything was measured; otherwise when serving them on the
    /// connections there are would take longer than an opening.
    static func opens(waiting: Int, connections: Int, requestSeconds: Double?, openSeconds: Double?) -> Bool {
        guard connections > 0, let requestSeconds, let openSeconds else { return true }
        return Double(waiting) * requestSeconds / Double(connections) > openSeconds
    }

    /// A connection for one request; give it back with ``release(_:reusable:heldFor:)``. Throws the
    /// opening's error when no connection is left to wait for, and `CancellationError` when the
    /// task is cancelled while it waits (a shutting-down client must not wait on a connection).
    func acquire() async throws -> Connection {
        let id = state.withLockedValue { state in
            state.lastWaiterID += 1
            return state.lastWaiterID
        }
        return try await withTaskCancellationHandler {
            try await waitForConnection(id: id)
        } onCancel: {
            let waiter = state.withLockedValue { state -> Waiter? in
                guard let index = state.waiting.firstIndex(where: { $0.id == id }) else { return nil }
                return state.waiting.remove(at: index)
            }
            waiter?.continuation.resume(throwing: CancellationError())
        }
    }

    private func waitForConnection(id: UInt64) async throws -> Connection {
        try await withCheckedThrowingContinuation { continuation in
            var stale: [Connection] = []
            var cancelled = false
            let (ready, startOpening, startWatching) = state.withLockedValue { state -> (Connection?, Bool, Bool) in
                while let last = state.idle.popLast() {
                    if isUsable(last) { return (last, false, false) }
                    stale.append(last)
                    state.count -= 1
                }
                // Checked under the lock the cancellation handler takes: it either finds this
                // waiter in the list, or the task is already marked cancelled here.
                if Task.isCancelled {
                    cancelled = true
                    return (nil, false, false)
                }
                state.waiting.append(Waiter(id: id, continuation: continuation, since: .now))
                let opens =
                    state.count < limit
                    && Self.opens(
                        waiting: state.waiting.count, connections: state.count,
                        requestSeconds: state.requestSeconds, openSeconds: state.openSeconds)
                if opens { state.count += 1 }
                let watches = !opens && !state.watching
                if watches { state.watching = true }
                return (nil, opens, watches)
            }
            stale.forEach(close)
            if cancelled { continuation.resume(throwing: CancellationError()) }
            if let ready { continuation.resume(returning: ready) }
            if startOpening { openInBackground() }
            if startWatching { watchWaiters() }
        }
    }

    /// Gives a connection back: to the longest-waiting request, else kept idle; closed when not
    /// `reusable` (the engine closes it, or it failed), which may let a waiting request open one.
    /// `heldFor`: the seconds the request had it, for the sum of when to open another; `first`:
    /// it was the connection's first request, whose time is the opening's.
    func release(_ connection: Connection, reusable: Bool, heldFor seconds: Double? = nil, first: Bool = false) {
        if let seconds {
            state.withLockedValue { state in
                if first {
                    state.openSeconds = Self.average(state.openSeconds, state.lastOpening + seconds)
                } else {
                    state.requestSeconds = Self.average(state.requestSeconds, seconds)
                }
            }
        }
        guard reusable, isUsable(connection) else {
            close(connection)
            let startOpening = state.withLockedValue { state in
                state.count -= 1
                guard !state.closed, !state.waiting.isEmpty, state.count < limit else { return false }
                state.count += 1
                return true
            }
            if startOpening { openInBackground() }
            return
        }
        hand(connection)
    }

    /// A new connection for the caller alone, for retrying once a request whose kept connection
    /// turned out ended (given back as not reusable): not one of the idle ones, which may be as
    /// stale. It may make one more than `limit` for as long as it lives.
    func openFresh() async throws -> Connection {
        state.withLockedValue { $0.count += 1 }
        do {
            return try await open()
        } catch {
            failed(error)
            throw error
        }
    }

    /// Requests waiting for a connection now.
    var waitingCount: Int { state.withLockedValue { $0.waiting.count } }
    /// Whether a task is watching the waiting requests (``watchWaiters()``).
    var isWatching: Bool { state.withLockedValue { $0.watching } }

    /// Closes the idle connections; any opened later are closed as they come.
    func closeAll() {
        let idle = state.withLockedValue { state in
            state.closed = true
            defer { state.idle = [] }
            return state.idle
        }
        idle.forEach(close)
    }

    private func openInBackground() {
        Task {
            let started = ContinuousClock.now
            do {
                let connection = try await open()
                let seconds = Self.seconds(ContinuousClock.now - started)
                state.withLockedValue { $0.lastOpening = seconds }
                hand(connection)
            } catch {
                failed(error)
            }
        }
    }

    /// While requests wait without an opening for them, opens one once the oldest has waited as
    /// long as an opening takes: the connections may be held by calls far slower than the average.
    /// At the limit there is nothing to open: the watch ends, and a connection given back serves
    /// the next waiter (polling there woke the guard thousands of times a second while its
    /// inspects queued on the unix socket's 8 connections under churn, an opening taking 0.2 ms).
    private func watchWaiters() {
        Task {
            while true {
                let wait = state.withLockedValue { max($0.openingWait, Self.shortestWatch) }
                try? await Task.sleep(for: .seconds(wait))
                let (opens, goesOn) = state.withLockedValue { state -> (Bool, Bool) in
                    guard let oldest = state.waiting.first, !state.closed, state.count < limit else {
                        state.watching = false
                        return (false, false)
                    }
                    let waited = Self.seconds(ContinuousClock.now - oldest.since)
                    guard waited >= state.openingWait else { return (false, true) }
                    state.count += 1
                    return (true, true)
                }
                if opens { openInBackground() }
                if !goesOn { return }
            }
        }
    }

    private func hand(_ connection: Connection) {
        let (waiter, keep) = state.withLockedValue { state -> (Waiter?, Bool) in
            if state.closed {
                state.count -= 1
                return (nil, false)
            }
            if !state.waiting.isEmpty { return (state.waiting.removeFirst(), true) }
            state.idle.append(connection)
            return (nil, true)
        }
        if !keep { close(connection) }
        waiter?.continuation.resume(returning: connection)
    }

    /// An opening failed. With no other connection alive or coming, every waiting request gets
    /// the error (nothing else would ever serve them); otherwise they wait for the others.
    private func failed(_ error: any Error) {
        let (waiters, startWatching) = state.withLockedValue { state -> ([Waiter], Bool) in
            state.count -= 1
            guard state.count == 0 else {
                // Below the limit again: a waiter held up by slow calls may open another.
                let watches = !state.waiting.isEmpty && !state.watching && !state.closed
                if watches { state.watching = true }
                return ([], watches)
            }
            defer { state.waiting = [] }
            return (state.waiting, false)
        }
        for waiter in waiters { waiter.continuation.resume(throwing: error) }
        if startWatching { watchWaiters() }
    }

    /// A moving average that follows a change within a few samples.
    private static func average(_ previous: Double?, _ sample: Double) -> Double {
        previous.map { 0.7 * $0 + 0.3 * sample } ?? sample
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
