import NIOConcurrencyHelpers

/// Lines of a followed log, taken in batches: everything read since the last batch.
public struct LogBatch: Sendable, Equatable {
    public var lines: [LogLine]
    /// Lines read before these and never taken: the reader fell more than the limit behind, so the
    /// oldest went (a gap; what came before it is older still).
    public var skippedBefore: Int

    public init(lines: [LogLine], skippedBefore: Int = 0) {
        self.lines = lines
        self.skippedBefore = skippedBefore
    }
}

/// A followed log as batches, with at most `limit` lines waiting between the engine and a reader:
/// a container that writes faster than the reader keeps up with costs the oldest lines (counted in
/// ``LogBatch/skippedBefore``), never memory. The engine is read as fast as it sends.
public struct LogLineStream: AsyncSequence, Sendable {
    let pending: PendingLogLines
    let signals: AsyncThrowingStream<Void, any Error>

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(pending: pending, signals: signals.makeAsyncIterator())
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        let pending: PendingLogLines
        var signals: AsyncThrowingStream<Void, any Error>.AsyncIterator

        public mutating func next() async throws -> LogBatch? {
            while true {
                if let batch = pending.take() { return batch }
                // Finished: what came with the last signal, if the loop above has not taken it.
                guard try await signals.next() != nil else { return pending.take() }
            }
        }
    }
}

/// The lines read and not yet taken, shared by the reading task and the iterator.
final class PendingLogLines: Sendable {
    private struct State {
        var lines: [LogLine] = []
        var skipped = 0
    }

    private let limit: Int
    private let state = NIOLockedValueBox(State())

    init(limit: Int) {
        self.limit = max(limit, 1)
    }

    /// Trims only past twice the limit, so a reader that is behind costs one move of the array per
    /// `limit` lines rather than one per chunk; ``take()`` hands out the newest `limit`.
    func add(_ lines: [LogLine]) {
        state.withLockedValue { state in
            state.lines += lines
            let excess = state.lines.count - limit
            if excess > limit {
                state.lines.removeFirst(excess)
                state.skipped += excess
            }
        }
    }

    /// What waits now, and how many were skipped since the last take (for tests).
    var waiting: (lines: Int, skipped: Int) {
        state.withLockedValue { state in
            (min(state.lines.count, limit), state.skipped + max(state.lines.count - limit, 0))
        }
    }

    /// Everything waiting (the newest `limit` lines), or nil when nothing is.
    func take() -> LogBatch? {
        state.withLockedValue { state in
            guard !state.lines.isEmpty || state.skipped > 0 else { return nil }
            defer { state = State() }
            let excess = max(state.lines.count - limit, 0)
            return LogBatch(lines: Array(state.lines.dropFirst(excess)), skippedBefore: state.skipped + excess)
        }
    }
}
