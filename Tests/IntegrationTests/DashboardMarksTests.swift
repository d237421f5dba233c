import Foundation
import TestSupport
import Testing

/// Compose groups and marks end to end: the real dashboard in tmux against an engine of its own
/// (its `s` stops containers, which must not reach other tests').
@Suite(
    "dashboard marks and Compose groups in tmux",
    .enabled(if: TestEngine.isAvailable, "needs scripts/test's private engine"))
struct DashboardMarksTests {
    @Test("P groups by project, Enter folds; Space on the header marks its containers; s stops the marked only")
    func groupMarkStop() async throws {
        let engine = try await OwnEngine.start()
        defer { engine.stop() }
        for (name, project) in [("app-a", "proj"), ("app-b", "proj"), ("loner", nil)] {
            let label = project.map { ["-l", "com.docker.compose.project=\($0)"] } ?? []
            _ = try await TestEngine.docker(
                ["run", "-d", "--name", name, "--network", "none"] + label + ["busybox:local", "sleep", "3600"],
                host: engine.host)
        }
        let dashboard = try await DashboardProcess.start(
            engineHost: engine.host, allowList: "name=loner\n",
            arguments: ["--listen", "127.0.0.1:0", "--mode", "audit", "--action", "stop", "--stop-timeout", "1"])
        defer { dashboard.stop() }
        let listed = await dashboard.screen { ["app-a", "app-b", "loner"].allSatisfy($0.contains) }
        #expect(listed.matched, "screen:\n\(listed.screen)\nlog:\n\(dashboard.log)")

        try await dashboard.tmux.send("P")
        let grouped = await dashboard.screen { $0.contains("▾ proj (2)") && $0.contains("no project (1)") }
        #expect(grouped.matched, "\(grouped.screen)")
        // The project's verdict is its worst container's.
        #expect(line(containing: "proj (2)", in: grouped.screen)?.contains("violating") == true, "\(grouped.screen)")
        try await dashboard.tmux.send("g")
        try await dashboard.tmux.send("Enter")
        let folded = await dashboard.screen { $0.contains("▸ proj (2)") && !$0.contains("app-a") }
        #expect(folded.matched, "\(folded.screen)")
        try await dashboard.tmux.send("Enter")
        let open = await dashboard.screen { $0.contains("▾ proj (2)") && $0.contains("app-a") }
        #expect(open.matched, "\(open.screen)")

        // Space on the header marks both; s asks once for the two, and stops them, not the loner.
        try await dashboard.tmux.send("g")
        try await dashboard.tmux.send("Space")
        let marked = await dashboard.screen { $0.contains("2 marked") }
        #expect(marked.matched, "\(marked.screen)")
        try await dashboard.tmux.send("s")
        let dialog = await dashboard.screen { $0.contains("Stop 2 containers?") }
        #expect(
            dialog.matched && dialog.screen.contains("app-a") && dialog.screen.contains("app-b"), "\(dialog.screen)")
        try await dashboard.tmux.send("y")
        for name in ["app-a", "app-b"] {
            let stopped = await eventually(timeout: .seconds(30)) {
                (try? await TestEngine.docker(
                    ["container", "inspect", "-f", "{{.State.Running}}", name], host: engine.host)) == "false"
            }
            let screen = stopped == nil ? await dashboard.tmux.capture() : ""
            #expect(stopped != nil, "\(name) still running; screen:\n\(screen)")
        }
        let loner = try await TestEngine.docker(
            ["container", "inspect", "-f", "{{.State.Running}}", "loner"], host: engine.host)
        #expect(loner == "true")
        // Acting cleared the marks (the outcome's message may have gone by now on a loaded machine).
        let cleared = await dashboard.screen { !$0.contains("●") && !$0.contains("marked") }
        #expect(cleared.matched, "\(cleared.screen)")
    }

    /// The table row showing `text` (the header line is skipped).
    func line(containing text: String, in screen: String) -> String? {
        screen.split(separator: "\n").dropFirst().first { $0.contains(text) }.map(String.init)
    }
}
