/// Capped exponential backoff: `initial`, doubling per attempt, never above `maximum`, with up to
/// ±`jitter` spread so that many guards restarting with one engine do not retry in lockstep.
public struct Backoff: Sendable, Hashable {
    public var initial: Duration
    public var maximum: Duration
    public var jitter: Double

    public init(initial: Duration, maximum: Duration, jitter: Double = 0.2) {
        self.initial = initial
        self.maximum = maximum
        self.jitter = jitter
    }

    /// The delay before retry number `attempt` (1 for the first retry), without jitter.
    public func baseDelay(attempt: Int) -> Duration {
        let doublings = min(max(attempt - 1, 0), 32)
        let delay = initial * (1 << doublings)
        return min(delay, maximum)
    }

    /// `baseDelay` spread by the jitter, using `random` in 0..<1.
    public func delay(attempt: Int, random: Double = Double.random(in: 0..<1)) -> Duration {
        baseDelay(attempt: attempt) * (1 + jitter * (2 * random - 1))
    }
}

extension Duration {
    /// Whole milliseconds, for logs.
    public var milliseconds: Int64 {
        components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
    }
}
