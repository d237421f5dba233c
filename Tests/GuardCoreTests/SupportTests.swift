import GuardCore
import Testing

@Suite("Backoff and engine timestamps")
struct SupportTests {
    @Test("backoff doubles from the initial delay and stops at the cap")
    func backoff() {
        let backoff = Backoff(initial: .milliseconds(250), maximum: .seconds(5))
        #expect(
            (1...7).map { backoff.baseDelay(attempt: $0) } == [
                .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2), .seconds(4), .seconds(5), .seconds(5),
            ])
        #expect(backoff.baseDelay(attempt: 10_000) == .seconds(5))
        #expect(backoff.delay(attempt: 1, random: 0) == .milliseconds(200))
        #expect(backoff.delay(attempt: 1, random: 0.5) == .milliseconds(250))
    }

    @Test("engine timestamps round-trip with nanoseconds")
    func timestamps() throws {
        let text = EngineTimestamp.format(nanos: 1_795_649_283_392_100_919)
        #expect(text == "2026-11-25T23:28:03.392100919Z")
        let seconds = EngineTimestamp.secondsSinceEpoch(text)!
        #expect(abs(seconds - 1_795_649_283.392100919) < 1e-6)
        let offset = try #require(EngineTimestamp.secondsSinceEpoch("2026-11-25T23:28:03+01:00"))
        #expect(abs(offset - (1_795_649_283.0 - 3600)) < 0.001, "\(offset)")
        #expect(EngineTimestamp.secondsSinceEpoch("yesterday") == nil)
        #expect(EngineTimestamp.isZero("0001-01-01T00:00:00Z"))
    }
}
