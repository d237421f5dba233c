import DockerEngine
import Foundation
import TestSupport
import Testing

@testable import GuardCore

/// A file that fails to parse is never applied: nothing is judged again because of it, and the
/// audit log records no "allow-list reload" for a list that did not load.
@Suite("A rejected allow-list changes nothing", .timeLimit(.minutes(1)))
struct PolicyRejectTests {
    static let violator = ContainerRecord(
        id: String(repeating: "d", count: 64), name: "/miner", imageRef: "busybox:local", imageID: "sha256:1",
        state: "running", createdAt: "2026-11-25T10:00:00Z", startedAt: "2026-11-25T10:00:01Z")

    @Test("a rejected reload writes no audit line; an applied one does")
    func rejectedReloadIsNotAudited() async throws {
        let nowhere = DockerClient(endpoint: try EngineEndpoint(dockerHost: "unix:///nonexistent/docker.sock"))
        let harness = try EnforcerHarness(
            client: nowhere, allowList: "name=web-*\n", settings: .init(mode: .audit, action: .kill, stopTimeout: 0),
            syncing: false)
        defer { harness.stop() }
        await harness.store.replaceAll(with: [Self.violator], at: 1_795_600_000)
        #expect(await harness.enforcerCaughtUp())
        let first = await eventually(timeout: .seconds(10)) { !harness.auditRecords(for: Self.violator.id).isEmpty }
        #expect(first != nil)

        harness.policy.reject("test-allowlist:1:1: unknown key 'nmae'")
        #expect(harness.policy.current.loadError != nil)
        // Judged on the enforcer's actor right after the rejection, as its own turn would.
        await harness.enforcer.evaluate(harness.store.current)
        #expect(harness.auditRecords(for: Self.violator.id).count == 1, "\(harness.auditRecords)")
        #expect(!harness.auditRecords.contains { $0["event"] as? String == "allow-list reload" })

        // A list that does load is judged again, and says so.
        harness.policy.apply(try AllowList.parse("name=db\n", path: "test-allowlist").get(), at: 1)
        await harness.enforcer.evaluate(harness.store.current)
        let reloads = harness.auditRecords(for: Self.violator.id).filter {
            $0["event"] as? String == "allow-list reload"
        }
        #expect(reloads.count == 1, "\(harness.auditRecords)")
    }

    @Test("the list in force read again (the dashboard saved it, then the watcher saw the file) changes nothing")
    func sameListAgain() throws {
        let policy = PolicyState(path: "test-allowlist")
        policy.apply(try AllowList.parse("name=web-*\n", path: "test-allowlist").get(), at: 1)
        let applied = policy.current
        policy.apply(try AllowList.parse("name=web-*\n", path: "test-allowlist").get(), at: 2)
        #expect(policy.current.version == applied.version)
        #expect(policy.current.listVersion == applied.listVersion)
        // After a rejected file, the same good list clears the error: that is a change.
        policy.reject("test-allowlist:1:1: unknown key 'nmae'")
        policy.apply(try AllowList.parse("name=web-*\n", path: "test-allowlist").get(), at: 3)
        #expect(policy.current.loadError == nil)
        #expect(policy.current.listVersion == applied.listVersion + 1)
    }
}
