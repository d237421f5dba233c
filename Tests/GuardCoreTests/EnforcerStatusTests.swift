import Testing

@testable import GuardCore

@Suite("enforcer status: the outcomes a follower has not seen")
struct EnforcerStatusTests {
    static func outcome(_ name: String) -> ActionOutcome {
        ActionOutcome(containerName: name, action: "stop", failure: nil, time: 0)
    }

    @Test("a follower that last saw n gets every outcome after it, as far as they are kept")
    func actionsAfter() {
        var status = EnforcerStatus(mode: .enforce, action: .stop, readonly: false)
        #expect(status.actions(after: 0).isEmpty && status.lastAction == nil)
        for name in ["a", "b", "c"] { status.finished(Self.outcome(name)) }
        #expect(status.actionsFinished == 3 && status.lastAction?.containerName == "c")
        #expect(status.actions(after: 0).map(\.containerName) == ["a", "b", "c"])
        #expect(status.actions(after: 2).map(\.containerName) == ["c"])
        #expect(status.actions(after: 3).isEmpty)
        for index in 0..<EnforcerStatus.recentLimit { status.finished(Self.outcome("x\(index)")) }
        let limit = EnforcerStatus.recentLimit
        #expect(status.recentActions.count == limit)
        #expect(status.actions(after: 0).count == limit && status.actions(after: 0).first?.containerName == "x0")
    }
}
