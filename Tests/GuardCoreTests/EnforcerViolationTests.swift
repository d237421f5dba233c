import DockerEngine
import Foundation
import TestSupport
import Testing

@testable import GuardCore

/// How the enforcer counts violations and what it does when one ends by itself (issue 13, items 1
/// and 2). On an engine of its own, one scenario after the other: the counts and the pending set
/// cover every container on the engine, so no other test's container may be there.
@Suite(
    "Enforcer violations against the real engine",
    .enabled(if: TestEngine.isAvailable, "needs scripts/test's private engine"), .timeLimit(.minutes(2)))
struct EnforcerViolationTests {
    /// The value of one sample of the harness's metrics, e.g. `dockerguard_violations_total{mode="confirm"}`.
    func sample(_ harness: EnforcerHarness, _ name: String) -> Double? {
        let rendered = harness.metrics.render(
            snapshot: harness.store.current, policy: harness.policy.current, aliases: ImageAliases())
        let text = String(decoding: rendered, as: UTF8.self)
        return text.split(separator: "\n").first { $0.hasPrefix(name + " ") }
            .flatMap { Double($0.split(separator: " ").last ?? "") }
    }

    func confirmHarness(_ client: DockerClient) throws -> EnforcerHarness {
        try EnforcerHarness(
            client: client, allowList: "name=nothing-of-this-test\n",
            settings: .init(mode: .confirm, action: .kill, stopTimeout: 0, interactive: true), syncing: true)
    }

    @Test("a stopped pending violation leaves the pending set; a violation counts once per run")
    func violations() async throws {
        let engine = try await OwnEngine.start()
        defer { engine.stop() }
        try await pendingThatStopsLeavesPending(engine.host)
        try await violationCountedOncePerRun(engine.host)
    }

    /// Approving one that stopped a moment ago then does nothing.
    func pendingThatStopsLeavesPending(_ host: String) async throws {
        let client = try TestEngine.client(host: host)
        let harness = try confirmHarness(client)
        defer { harness.stop() }
        let name = TestEngine.uniqueName("pend-exit")
        defer { TestEngine.forceRemove([name], host: host) }  // before the next scenario starts
        let id = try await TestEngine.runContainer(client, name: name)
        #expect(await eventually(timeout: .seconds(30)) { await harness.enforcer.pending.contains(id) } != nil)

        _ = try await TestEngine.docker("kill", id, host: host)  // stopped from outside, as `docker stop` would
        let left = await eventually(timeout: .seconds(30)) { await !harness.enforcer.pending.contains(id) }
        #expect(left != nil, "still pending after it stopped")
        #expect(harness.enforcer.status.value.pending.isEmpty)
        // The line is written a moment after the pending set changes: wait for it, then for nothing else.
        let expected = ["pending", "no longer running: no action needed"]
        _ = await eventually(timeout: .seconds(10)) {
            harness.auditRecords(for: id).map { $0["result"] as? String } == expected
        }
        #expect(harness.auditRecords(for: id).map { $0["result"] as? String } == expected)

        // The dashboard's `y` pressed a moment too late: nothing is done and nothing is counted.
        let outcomes = await harness.enforcer.actForOperator(on: [id], cause: "operator approved")
        #expect(outcomes.map(\.summary) == ["kill \(name): failed: not running: nothing done"])
        #expect(harness.auditRecords(for: id).allSatisfy { $0["action"] is NSNull }, "\(harness.auditRecords)")
        // Shown at 0 from the start (so that a rule's increase() sees the first one): still 0.
        #expect((sample(harness, #"dockerguard_actions_total{action="kill",result="done"}"#) ?? 0) == 0)
        #expect(sample(harness, "dockerguard_violations") == 0)
    }

    /// Mode switches, renames and reloads do not count it again.
    func violationCountedOncePerRun(_ host: String) async throws {
        let client = try TestEngine.client(host: host)
        let harness = try confirmHarness(client)
        defer { harness.stop() }
        let name = TestEngine.uniqueName("count")
        let renamed = name + "-renamed"
        defer { TestEngine.forceRemove([name, renamed], host: host) }
        let id = try await TestEngine.runContainer(client, name: name)
        let counter = #"dockerguard_violations_total{mode="confirm"}"#
        #expect(await eventually(timeout: .seconds(30)) { await harness.enforcer.pending.contains(id) } != nil)
        #expect(sample(harness, counter) == 1)
        #expect(sample(harness, "dockerguard_violations") == 1)

        await harness.enforcer.setMode(.audit)
        // The decision a switch makes says so, not `resync`.
        let switched = harness.auditRecords(for: id).last
        #expect(
            switched?["event"] as? String == "mode change" && switched?["mode"] as? String == "audit",
            "\(harness.auditRecords(for: id))")
        await harness.enforcer.setMode(.confirm)
        _ = try await TestEngine.docker("rename", name, renamed, host: host)
        #expect(
            await eventually(timeout: .seconds(30)) {
                harness.store.current.containers.first { $0.id == id }?.name == "/" + renamed
            } != nil)
        harness.policy.apply(try AllowList.parse("name=still-nothing\n", path: "test-allowlist").get(), at: 1)
        #expect(await harness.enforcerCaughtUp())
        #expect(await eventually(timeout: .seconds(30)) { await harness.enforcer.pending.contains(id) } != nil)
        #expect(sample(harness, counter) == 1, "\(harness.auditRecords(for: id))")
        #expect(sample(harness, "dockerguard_violations") == 1)

        // A new run is a new violation; a stop ends the one now.
        _ = try await TestEngine.docker("restart", "-t", "0", id, host: host)
        let counted = await eventually(timeout: .seconds(30)) { sample(harness, counter) == 2 }
        #expect(counted != nil, "\(harness.auditRecords(for: id))")
        _ = try await TestEngine.docker("kill", id, host: host)
        #expect(await eventually(timeout: .seconds(30)) { sample(harness, "dockerguard_violations") == 0 } != nil)
        #expect(sample(harness, counter) == 2)
    }
}
