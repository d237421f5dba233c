import GuardCore
import Synchronization

/// Samples CPU and memory for the rows on screen only, on a budget: one sample per container (its
/// cgroup files when the engine is on this host, else a one-shot request), at most `inFlight` at
/// once, a round every `interval` (longer when many were asked of the engine, see
/// `requestsPerSecond`), nothing at all while no rows are shown (the columns off, or the table
/// covered). A row scrolled off is no longer sampled.
final class StatsSampler: Sendable {
    static let interval: Duration = .seconds(2)
    static let inFlight = 4
    /// Requests to the engine a second at most, so a screenful of rows is sampled less often than
    /// a few. Each one-shot sample costs dockerd + containerd ~7 ms of CPU and waits for the
    /// engine's 1 s collector tick, so `inFlight` bounds the rate too: scripts/bench-tui measured
    /// +1.93 % before this budget and +1.80 % with it (BENCHMARKS.md, issue 15). Samples read from
    /// cgroup files cost the engine nothing and are not counted.
    static let requestsPerSecond = 8

    /// How long a round lasts that asked the engine `requests` times: `interval`, or longer when
    /// the budget needs it.
    static func roundLength(requests: Int) -> Duration {
        max(interval, .milliseconds(requests * 1000 / requestsPerSecond))
    }

    private let views: ContainerViews
    private let feed: DashboardFeed
    private let visible = Mutex<[String]>([])
    /// Wakes the loop when rows appear after none were shown.
    private let wake: AsyncStream<Void>.Continuation
    private let wakes: AsyncStream<Void>

    init(views: ContainerViews, feed: DashboardFeed) {
        self.views = views
        self.feed = feed
        (wakes, wake) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    /// The containers on screen now (empty: sample nothing).
    func show(_ ids: [String]) {
        let wasEmpty = visible.withLock { visible in
            defer { visible = ids }
            return visible.isEmpty
        }
        if wasEmpty, !ids.isEmpty { wake.yield() }
    }

    /// Samples until cancelled.
    func run() async {
        var previous: [String: ResourceSample] = [:]
        var wakeups = wakes.makeAsyncIterator()
        while !Task.isCancelled {
            let ids = visible.withLock { $0 }
            if ids.isEmpty {
                // The last samples stay: the first round after the table shows again has CPU over
                // the pause instead of a blank column (the third trial saw it reset after a view).
                guard await wakeups.next() != nil else { return }
                continue
            }
            let started = ContinuousClock.now
            let samples = await sample(ids, previous: previous)
            // Only the rows sampled this round stay: memory bounded by the screen.
            previous = samples
            feed.post { $0.resources = samples }
            let requests = samples.values.count(where: \.askedTheEngine) + (ids.count - samples.count)
            try? await Task.sleep(until: started + Self.roundLength(requests: requests))
        }
    }

    private func sample(_ ids: [String], previous: [String: ResourceSample]) async -> [String: ResourceSample] {
        let views = self.views
        return await withTaskGroup(of: (String, ResourceSample?).self) { group in
            var results: [String: ResourceSample] = [:]
            var pending = ids[...]
            func startNext() {
                guard let id = pending.popFirst() else { return }
                let before = previous[id]
                group.addTask { (id, try? await views.sample(id, previous: before)) }
            }
            for _ in 0..<Self.inFlight { startNext() }
            while let (id, sample) = await group.next() {
                if let sample { results[id] = sample }
                startNext()
            }
            return results
        }
    }
}
