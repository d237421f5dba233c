import DockerEngine
import Foundation
import TestSupport
import Testing

@testable import GuardCore

/// What the README promises of the enforcer and only the real engine can show: readonly changes
/// nothing, no valid list acts on nothing, an operator's approval acts once and is audited. The
/// enforcer runs in the test process with a real EngineSync on the shared private engine; by the
/// properties under test it never acts on another test's container. Its containers are named
/// `dgtest-*`, which EnforcementTests' guard allows, and its lists do not allow them.
@Suite(
    "Enforcer against the real engine", .enabled(if: TestEngine.isAvailable, "needs scripts/test's private engine"),
    .timeLimit(.minutes(2)))
struct EnforcerEngineTests {
    func state(_ id: String) async -> String? {
        try? await TestEngine.docker("container", "inspect", "-f", "{{.State.Status}}", id)
    }

    func waitForState(_ harness: EnforcerHarness, _ id: String, _ state: String) async -> Bool {
        await eventually(timeout: .seconds(30)) {
            harness.store.current.containers.first { $0.id == id }?.state == state
        } != nil
    }

    @Test("readonly in enforce mode changes nothing on the engine, and keep-running restarts nothing")
    func readonlyChangesNothing() async throws {
        let client = try TestEngine.client()
        var settings = Enforcer.Settings(mode: .enforce, action: .kill, stopTimeout: 0, readonly: true)
        // Were it to restart, it would at once.
        settings.keepRunningBackoff = Backoff(initial: .milliseconds(10), maximum: .milliseconds(10), jitter: 0)
        let harness = try EnforcerHarness(
            client: client, allowList: "name=dgtest-keep-ro-* keep-running\n", settings: settings, syncing: true)
        defer { harness.stop() }
        let keepName = "dgtest-keep-ro-\(UUID().uuidString.prefix(8).lowercased())"
        let victimName = TestEngine.uniqueName("ro-victim")
        defer { TestEngine.forceRemove([keepName, victimName]) }
        let keep = try await TestEngine.runContainer(client, name: keepName)
        let victim = try await TestEngine.runContainer(client, name: victimName)

        let recorded = await eventually(timeout: .seconds(30)) {
            harness.auditRecords(for: victim).contains { $0["result"] as? String == "recorded (readonly)" }
        }
        #expect(recorded != nil, "\(harness.auditRecords(for: victim))")
        #expect(await state(victim) == "running")

        // The keep-running container stops; once the enforcer has judged that, it has decided.
        try await client.killContainer(keep)
        #expect(await waitForState(harness, keep, "exited"))
        #expect(await harness.enforcerCaughtUp())
        #expect(!harness.logLines.all.contains { $0.contains("keep-running: restarting") }, "\(harness.logLines.all)")
        #expect(harness.auditRecords.allSatisfy { $0["action"] is NSNull }, "\(harness.auditRecords)")
        #expect(await state(keep) == "exited")
        #expect(await state(victim) == "running")
    }

    @Test("with no valid allow-list nothing is judged or acted on, until a valid one arrives")
    func noListActsOnNothing() async throws {
        let client = try TestEngine.client()
        let harness = try EnforcerHarness(
            client: client, allowList: nil, settings: .init(mode: .enforce, action: .kill, stopTimeout: 0),
            syncing: true)
        defer { harness.stop() }
        let name = TestEngine.uniqueName("nolist")
        defer { TestEngine.forceRemove([name]) }
        let id = try await TestEngine.runContainer(client, name: name)

        #expect(await waitForState(harness, id, "running"))
        #expect(await harness.enforcerCaughtUp())
        #expect(await harness.enforcer.selfIdentity != nil, "the enforcer has not seen a synced snapshot")
        #expect(harness.auditRecords(for: id).isEmpty, "\(harness.auditRecords(for: id))")
        #expect(await state(id) == "running")

        // A valid list judges it at once, by that list (one that allows all: this enforcer acts
        // in enforce mode, on a shared engine).
        harness.policy.apply(try AllowList.parse("name=*\n", path: "test").get(), at: 1)
        let judged = await eventually(timeout: .seconds(30)) { !harness.auditRecords(for: id).isEmpty }
        #expect(judged != nil)
        #expect(harness.auditRecords(for: id).map { $0["verdict"] as? String } == ["allowed"])
        #expect(await state(id) == "running")
    }

    @Test("confirm mode: a violation waits; the operator's approval acts once and is audited")
    func operatorApprovalActsOnce() async throws {
        let client = try TestEngine.client()
        let harness = try EnforcerHarness(
            client: client, allowList: "name=nothing-of-this-test\n",
            settings: .init(mode: .confirm, action: .kill, stopTimeout: 0, interactive: true), syncing: true)
        defer { harness.stop() }
        let name = TestEngine.uniqueName("confirm")
        defer { TestEngine.forceRemove([name]) }
        let id = try await TestEngine.runContainer(client, name: name)

        let pending = await eventually(timeout: .seconds(30)) { await harness.enforcer.pending.contains(id) }
        #expect(pending != nil)
        // The audit line is written after the pending set is updated (on the audit log's queue).
        _ = await eventually(timeout: .seconds(30)) { !harness.auditRecords(for: id).isEmpty }
        #expect(harness.auditRecords(for: id).map { $0["result"] as? String } == ["pending"])
        #expect(await state(id) == "running")

        // The dashboard's `y` (and a second press, and `Y` over all) while the first is under way.
        async let first = harness.enforcer.actForOperator(on: [id], cause: "operator approved")
        async let again = harness.enforcer.actForOperator(on: [id, id], cause: "operator approved")
        _ = await (first, again)
        let done = await eventually(timeout: .seconds(30)) {
            harness.auditRecords(for: id).contains { $0["action"] as? String == "kill" }
        }
        #expect(done != nil)
        #expect(await waitForState(harness, id, "exited"))
        #expect(await harness.enforcerCaughtUp())
        let actions = harness.auditRecords(for: id).filter { !($0["action"] is NSNull) }
        #expect(actions.count == 1, "\(actions)")
        #expect(actions.first?["event"] as? String == "operator approved")
        #expect(actions.first?["verdict"] as? String == "violating")
        #expect(actions.first?["mode"] as? String == "confirm")
        #expect(actions.first?["result"] as? String == "done")
        #expect(await !harness.enforcer.pending.contains(id))
        #expect(try await TestEngine.docker("container", "inspect", "-f", "{{.State.ExitCode}}", id) == "137")
    }
}
