import GuardCore
import Synchronization

/// Carries the logs view's stream: opened when the view opens, cancelled when it closes, so a
/// container's output is read only while someone looks at it. Lines go to the feed in batches.
final class LogFollower: Sendable {
    /// Lines that may wait for the UI thread, here and in the engine client: what the view keeps
    /// (``LogView``'s capacity), since older ones would leave its buffer at once anyway.
    static let waitingLimit = 10_000

    private let views: ContainerViews
    private let feed: DashboardFeed
    private let current = Mutex<(session: Int, task: Task<Void, Never>)?>(nil)

    init(views: ContainerViews, feed: DashboardFeed) {
        self.views = views
        self.feed = feed
    }

    func open(id: String, session: Int, tail: Int) {
        let views = self.views
        let feed = self.feed
        let task = Task {
            do {
                let lines = try await views.followLogs(id, tail: tail, keepingAtMost: Self.waitingLimit)
                // Open, though a quiet container may send nothing for a long while: the view says so.
                feed.post { $0.logs.append(.init(session: session, opened: true)) }
                for try await batch in lines {
                    feed.post { inbox in
                        inbox.logs.append(
                            .init(session: session, entries: batch.entries, skippedBefore: batch.skippedBefore))
                        inbox.logs.keepEntries(atMost: Self.waitingLimit)
                    }
                }
                feed.post { $0.logs.append(.init(session: session, ended: true)) }
            } catch {
                if Task.isCancelled { return }
                feed.post { $0.logs.append(.init(session: session, ended: true, error: "\(error)")) }
            }
        }
        current.withLock { current in
            current?.task.cancel()
            current = (session, task)
        }
    }

    func close(session: Int) {
        current.withLock { current in
            guard let running = current, running.session == session else { return }
            running.task.cancel()
            current = nil
        }
    }
}

/// News from a logs stream for the UI thread.
struct LogNews: Sendable {
    var session: Int
    var entries: [LogEntry] = []
    /// Lines skipped before `entries`: the reader fell behind (a gap; the view keeps what follows).
    var skippedBefore = 0
    /// The stream is open (nothing may have come yet).
    var opened = false
    var ended = false
    var error: String?
}

extension [LogNews] {
    /// Drops the oldest waiting lines beyond `limit`, counting them as skipped, so news the UI
    /// thread has not taken yet cannot grow without bound.
    mutating func keepEntries(atMost limit: Int) {
        var excess = reduce(0) { $0 + $1.entries.count } - limit
        for index in indices where excess > 0 && !self[index].entries.isEmpty {
            let cut = Swift.min(excess, self[index].entries.count)
            self[index].entries.removeFirst(cut)
            self[index].skippedBefore += cut
            excess -= cut
        }
    }
}
