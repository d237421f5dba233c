import Foundation
import TestSupport
import Testing

/// Confirm mode with the plugin, end to end: the refused `docker run` waits in the dashboard as a
/// pending row, `a` allows it there, and the same `docker run` then succeeds.
@Suite("Plugin refusals in the dashboard", .enabled(if: TestEngine.isAvailable, "needs scripts/test's private engine"))
struct AuthzDashboardTests {
    @Test("confirm: a refused create is a pending row; `a` allows it; the same docker run then succeeds")
    func refusedCreateAllowedFromTheDashboard() async throws {
        let engine = try await PluginEngine.make()
        let name = "dgask-\(UUID().uuidString.prefix(6).lowercased())"
        let dashboard = try await DashboardProcess.start(
            engineHost: engine.host, allowList: "name=dgok-*\n",
            arguments: ["--listen", "127.0.0.1:0", "--mode", "confirm", "--authz", "--authz-name", engine.name])
        // The engine stops first, while the plugin still answers its calls.
        defer { dashboard.stop() }
        defer { engine.stop() }
        let listening = await eventually(timeout: .seconds(30)) {
            dashboard.log.contains("authz plugin listening on \(engine.socketPath)")
        }
        #expect(listening != nil, "no plugin socket; log:\n\(dashboard.log)")
        try await engine.startEngine()

        let refused = try await engine.docker("run", "-d", "--network", "none", "--name", name, "busybox:local")
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("waits in the dashboard"), "stderr: \(refused.stderr)")
        let pending = await dashboard.screen { screen in
            row(name, in: screen).map { $0.contains("pending") && $0.contains("Refused") } == true
        }
        #expect(pending.matched, "no pending row for \(name):\n\(pending.screen)\nlog:\n\(dashboard.log)")
        #expect(pending.screen.contains("pending 1"), "\(pending.screen)")

        try await dashboard.tmux.send("/")
        try await dashboard.tmux.send(name, literal: true)
        try await dashboard.tmux.send("Enter")
        try await dashboard.tmux.send("a")
        let proposed = await dashboard.screen { $0.contains("name=\(name)") }
        #expect(proposed.matched, "no proposal:\n\(proposed.screen)")
        try await dashboard.tmux.send("Enter")
        // Waited for on disk: while the proposal is open the row already previews `…→✓`.
        let saved = await eventually(timeout: .seconds(15)) {
            (try? String(contentsOfFile: dashboard.allowListPath, encoding: .utf8))?.hasSuffix("name=\(name)\n") == true
        }
        let screen = await dashboard.tmux.capture()
        #expect(saved != nil, "the rule was not saved; screen:\n\(screen)")
        let allowed = await dashboard.screen { screen in
            row(name, in: screen).map { $0.contains("✓") && !$0.contains("→") } == true
        }
        #expect(allowed.matched, "the row did not flip:\n\(allowed.screen)")

        // The guard applies the saved list at once: the same command now runs.
        let again = try await engine.docker("run", "-d", "--network", "none", "--name", name, "busybox:local")
        #expect(again.status == 0, "stderr: \(again.stderr)")
        let running = await dashboard.screen { screen in
            row(name, in: screen).map { $0.contains("Up") && !$0.contains("Refused") } == true
        }
        #expect(running.matched, "\(running.screen)")
    }

    /// The table row showing `name` (the header, which may quote a filter, is skipped).
    func row(_ name: String, in screen: String) -> String? {
        screen.split(separator: "\n").dropFirst().first { $0.contains(name) }.map(String.init)
    }
}
