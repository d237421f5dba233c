/// How long the status line's message stays: a result for a few seconds, an error longer, then
/// the key hints come back. The UI loop asks it on every wake-up; the time comes from outside, so
/// it is tested without a clock.
public struct MessageExpiry: Sendable {
    public static let lifetime = 5.0
    public static let errorLifetime = 15.0

    private var shown: UIState.Message?
    private var since = 0.0

    public init() {}

    /// Clears `state.message` once it has been shown long enough. Returns when it will go (to
    /// wake up then), or nil when there is none.
    public mutating func update(_ state: inout UIState, now: Double) -> Double? {
        guard let message = state.message else {
            shown = nil
            return nil
        }
        if message != shown {
            shown = message
            since = now
        }
        let end = since + (message.isError ? Self.errorLifetime : Self.lifetime)
        guard now < end else {
            state.message = nil
            shown = nil
            return nil
        }
        return end
    }
}
