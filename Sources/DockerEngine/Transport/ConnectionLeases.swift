import NIOConcurrencyHelpers

/// At most `limit` connections, lent one request at a time. A request takes an idle connection,
/// or waits for the first to become free: one given back by another request, or a new one that
/// its asking started opening in the background. Over ssh a new connection is an ssh session and
/// a remote `docker system dial-stdio` (~165 ms measured on loopback, BENCHMARKS.md issue 14)
/// while a request on an open one takes a few milliseconds, so a burst (a sync's inspects) runs
/// on the connections already open while more are opened, instead of each request waiting for
/// its own.
final class ConnectionLeases<Connection: Sendable>: Sendable {
    private struct State {
        var idle: [Connection] = []
        /// Connections alive or being opened.
        var count = 0
        var waiting: [CheckedContinuation<Connection, any Error>] = []
        var closed = false
    }

    private let state = NIOLockedValueBox(State())
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

    /// A connection for one request; give it back with ``release(_:reusable:)``. Throws the
    /// opening's error when no connection is left to wait for.
    func acquire() async throws -> Connection {
        try await withCheckedThrowingContinuation { continuation in
            var stale: [Connection] = []
            let (ready, startOpening) = state.withLockedValue { state -> (Connection?, Bool) in
                while let last = state.idle.popLast() {
                    if isUsable(last) { return (last, false) }
                    stale.append(last)
                    state.count -= 1
                }
                state.waiting.append(continuation)
                guard state.count < limit else { return (nil, false) }
                state.count += 1
                return (nil, true)
            }
            stale.forEach(close)
            if let ready { continuation.resume(returning: ready) }
            if startOpening { openInBackground() }
        }
    }

    /// Gives a connection back: to the longest-waiting request, else kept idle; closed when not
    /// `reusable` (the engine closes it, or it failed), which may let a waiting request open one.
    func release(_ connection: Connection, reusable: Bool) {
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
            do {
                hand(try await open())
            } catch {
                failed(error)
            }
        }
    }

    private func hand(_ connection: Connection) {
        let (waiter, keep) = state.withLockedValue { state -> (CheckedContinuation<Connection, any Error>?, Bool) in
            if state.closed {
                state.count -= 1
                return (nil, false)
            }
            if !state.waiting.isEmpty { return (state.waiting.removeFirst(), true) }
            state.idle.append(connection)
            return (nil, true)
        }
        if !keep { close(connection) }
        waiter?.resume(returning: connection)
    }

    /// An opening failed. With no other connection alive or coming, every waiting request gets
    /// the error (nothing else would ever serve them); otherwise they wait for the others.
    private func failed(_ error: any Error) {
        let waiters = state.withLockedValue { state -> [CheckedContinuation<Connection, any Error>] in
            state.count -= 1
            guard state.count == 0 else { return [] }
            defer { state.waiting = [] }
            return state.waiting
        }
        for waiter in waiters { waiter.resume(throwing: error) }
    }
}
