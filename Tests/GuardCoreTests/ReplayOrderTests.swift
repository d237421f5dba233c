import DockerEngine
import Foundation
import TestSupport
import Testing

@testable import GuardCore

/// After a reconnect the engine replays the events since the last one seen, and they arrive after
/// the resync that already shows the newer state: they must not turn the table, or the enforcer,
/// back to what was true during the outage.
@Suite("Replayed events older than the resync", .timeLimit(.minutes(1)))
struct ReplayOrderTests {
    static let second: Int64 = 1_000_000_000
    static let t0: Int64 = 1_795_600_000 * second
    /// During the outage: started at t0, renamed ok-a → bad-b at t0+1 s and bad-b → ok-c at t0+2 s,
    /// died at t0+3 s and started again at t0+4 s. The resync shows only the end of it.
    static let resynced = ContainerRecord(
        id: String(repeating: "c", count: 64), name: "/ok-c", imageRef: "busybox:local", imageID: "sha256:1",
        state: "running", createdAt: EngineTimestamp.format(nanos: t0 - second),
        startedAt: EngineTimestamp.format(nanos: t0 + 4 * second))

    static func event(_ action: String, at nanos: Int64, _ attributes: [String: String] = [:]) -> EngineEvent {
        EngineEvent(
            type: "container", action: action, actor: .init(id: resynced.id, attributes: attributes), timeNano: nanos)
    }

    static let replayed = [
        event("rename", at: t0 + second, ["name": "bad-b", "oldName": "/ok-a"]),
        event("rename", at: t0 + 2 * second, ["name": "ok-c", "oldName": "/bad-b"]),
        event("die", at: t0 + 3 * second, ["exitCode": "137"]),
        event("start", at: t0 + 4 * second),
    ]

    /// After the resync's state: applies.
    static let liveRename = event("rename", at: t0 + 5 * second, ["name": "ok-d", "oldName": "/ok-c"])

    @Test("the table stays at the resync's state through the replay, then follows live events")
    func tableIgnoresOlderEvents() {
        var table = ContainerTable([Self.resynced])
        for event in Self.replayed {
            #expect(table.apply(event) == .unchanged, "\(event.action) at \(event.timeNano)")
        }
        #expect(table.byID[Self.resynced.id] == Self.resynced)
        // Live events, after the resync's state, still apply.
        #expect(table.apply(Self.liveRename) == .changed)
        #expect(table.byID[Self.resynced.id]?.name == "/ok-d")
        #expect(table.apply(Self.event("die", at: Self.t0 + 6 * Self.second, ["exitCode": "0"])) == .changed)
        #expect(table.byID[Self.resynced.id]?.state == "exited")
    }

    @Test("the enforcer never judges the outage's stale name or stop")
    func enforcerSeesNoStaleState() async throws {
        let nowhere = DockerClient(endpoint: try EngineEndpoint(dockerHost: "unix:///nonexistent/docker.sock"))
        let harness = try EnforcerHarness(
            client: nowhere, allowList: "name=ok-* keep-running\n",
            settings: .init(mode: .audit, action: .kill, stopTimeout: 0), syncing: false)
        defer { harness.stop() }
        await harness.store.replaceAll(with: [Self.resynced], at: Double(Self.t0) / 1e9 + 5)
        #expect(await harness.enforcerCaughtUp())
        // One at a time, each seen by the enforcer (a burst would coalesce into one snapshot).
        for event in Self.replayed {
            _ = await harness.store.apply(event)
            #expect(await harness.enforcerCaughtUp())
        }
        // A live rename after the replay: once it is judged, everything before it has been.
        _ = await harness.store.apply(Self.liveRename)
        let judged = await eventually(timeout: .seconds(10)) {
            harness.auditRecords.contains { $0["container_name"] as? String == "/ok-d" }
        }
        #expect(judged != nil, "\(harness.auditRecords)")
        #expect(await harness.enforcerCaughtUp())
        let names = harness.auditRecords.compactMap { $0["container_name"] as? String }
        // (The list's first publication may judge /ok-c a second time, as an allow-list reload.)
        #expect(Set(names) == ["/ok-c", "/ok-d"], "\(harness.auditRecords)")
        #expect(harness.auditRecords.allSatisfy { $0["verdict"] as? String == "allowed" })
        #expect(!harness.logLines.all.contains { $0.contains("keep-running") }, "a stale die counted as a stop")
    }
}
