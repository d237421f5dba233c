import Synchronization

/// The engine calls made while deciding one request: a decision that waited on the engine is timed
/// apart from one made from what the plugin knows (`dockerguard_authz_decision_seconds{kind}`).
final class EngineCallCount: Sendable {
    let calls = Atomic<Int>(0)
}

extension AuthzJudge {
    /// The count of the request being decided, if any.
    @TaskLocal static var engineCalls: EngineCallCount?

    /// Counts one engine call of the current decision; always true, so that it can sit in a
    /// condition list right before the call.
    static func countEngineCall() -> Bool {
        engineCalls?.calls.add(1, ordering: .relaxed)
        return true
    }

    /// Runs `decide` with a fresh count; whether it asked the engine.
    func counting<T: Sendable>(_ decide: () async -> T) async -> (T, askedEngine: Bool) {
        let count = EngineCallCount()
        let result = await Self.$engineCalls.withValue(count) { await decide() }
        return (result, count.calls.load(ordering: .relaxed) > 0)
    }
}
