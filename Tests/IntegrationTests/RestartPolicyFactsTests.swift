import DockerEngine
import Foundation
import TestSupport
import Testing

/// What the stop dialogs say of a restart policy, checked against dockerd (issue 13's finding):
/// after `docker kill`, an `always` container comes back when the daemon restarts, and an
/// `unless-stopped` one stays stopped. On an engine of the test's own, since it is restarted.
@Suite(
    "restart policies after a stop, on the real engine",
    .enabled(if: TestEngine.isAvailable, "needs scripts/test's private engine"), .timeLimit(.minutes(3)))
struct RestartPolicyFactsTests {
    @Test("killed: 'always' returns at daemon restart, 'unless-stopped' stays stopped")
    func restartPoliciesAfterAKill() async throws {
        let engine = try OwnEngine()
        defer { engine.stop() }
        let client = try TestEngine.client(host: engine.host)
        let always = try await TestEngine.runContainer(client, name: "always", restartPolicy: "always")
        let unlessStopped = try await TestEngine.runContainer(
            client, name: "unless-stopped", restartPolicy: "unless-stopped")
        func state(_ id: String) -> String? {
            try? TestEngine.docker("container", "inspect", "-f", "{{.State.Status}}", id, host: engine.host)
        }
        try await client.killContainer(always)
        try await client.killContainer(unlessStopped)
        // Not restarted by the engine on its own after an operator's kill.
        #expect(await eventually(timeout: .seconds(10)) { state(always) == "exited" } != nil)
        #expect(state(unlessStopped) == "exited")

        _ = try TestEngine.dockerPrivate("kill", engine.directory)
        _ = try TestEngine.dockerPrivate("start", engine.directory)
        let back = await eventually(timeout: .seconds(30)) { state(always) == "running" }
        #expect(back != nil, "'always' did not come back at daemon start: \(state(always) ?? "?")")
        #expect(state(unlessStopped) == "exited")
    }
}
