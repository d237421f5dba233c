import Foundation
import TestSupport
import Testing

/// `dockerguard-tui` in confirm mode, end to end in tmux against an engine of its own (issue 13,
/// items 1, 9, 12, 13): a pending violation that stops by itself leaves the pending count, `y`
/// asks before acting, `S` lets a wrong count be typed again and reports every container, and a
/// switch to enforce reports every container it stops.
@Suite(
    "dockerguard-tui confirm mode in tmux", .enabled(if: TestEngine.isAvailable, "needs scripts/test's private engine"),
    .timeLimit(.minutes(3)))
struct DashboardConfirmTests {
    @Test("pending rows follow the engine; y asks; S retries a wrong count and names each container")
    func confirmSession() async throws {
        let engine = try await OwnEngine.start()
        defer { engine.stop() }
        let client = try TestEngine.client(host: engine.host)
        for name in ["ok-1", "bad-1", "bad-2", "bad-3", "bad-4"] {
            try await TestEngine.runContainer(client, name: name)
        }
        let dashboard = try await DashboardProcess.start(
            engineHost: engine.host, allowList: "name=ok-*\n",
            arguments: ["--listen", "127.0.0.1:0", "--mode", "confirm", "--action", "kill"], width: 140, height: 30)
        defer { dashboard.stop() }
        let pending = await dashboard.screen(within: .seconds(30)) { $0.contains("pending 4") }
        #expect(pending.matched, "\(pending.screen)\nlog:\n\(dashboard.log)")

        // Stopped from outside while pending: it leaves the count and, with A, reads "not allowed".
        _ = try await TestEngine.docker("kill", "bad-4", host: engine.host)
        let left = await dashboard.screen { $0.contains("pending 3") && !$0.contains("bad-4") }
        #expect(left.matched, "\(left.screen)")
        try await dashboard.tmux.send("A")
        let all = await dashboard.screen { line(containing: "bad-4", in: $0)?.hasSuffix("not allowed") == true }
        #expect(all.matched && all.screen.contains("not allowed 1"), "\(all.screen)")
        try await dashboard.tmux.send("A")

        // A key that does nothing says so.
        try await dashboard.tmux.send("z")
        #expect(await dashboard.screen { $0.contains("unknown key") }.matched)

        // `y` asks first; only the second `y` kills.
        try await dashboard.tmux.send("/")
        try await dashboard.tmux.send("bad-1", literal: true)
        try await dashboard.tmux.send("Enter")
        try await dashboard.tmux.send("y")
        let asked = await dashboard.screen { $0.contains("Kill pending bad-1?") }
        #expect(asked.matched, "\(asked.screen)")
        #expect(try await state("bad-1", engine) == "running")
        try await dashboard.tmux.send("y")
        #expect(await eventually(timeout: .seconds(15)) { (try? await state("bad-1", engine)) == "exited" } != nil)
        try await dashboard.tmux.send("Escape")

        // `S`: a wrong count keeps the dialog open; the right one reports both containers.
        try await dashboard.tmux.send("S")
        #expect(await dashboard.screen { $0.contains("type 2") }.matched)
        try await dashboard.tmux.send("5", literal: true)
        try await dashboard.tmux.send("Enter")
        let retry = await dashboard.screen { $0.contains("typed '5', not 2") && $0.contains("type 2") }
        #expect(retry.matched, "\(retry.screen)")
        try await dashboard.tmux.send("2", literal: true)
        try await dashboard.tmux.send("Enter")
        let report = await dashboard.screen(within: .seconds(20)) {
            $0.contains("kill 2: bad-2 done, bad-3 done")
        }
        #expect(report.matched, "\(report.screen)\nlog:\n\(dashboard.log)")
        #expect(try await state("bad-2", engine) == "exited")
        #expect(try await state("bad-3", engine) == "exited")
        // The result goes after a few seconds and the key hints come back.
        let hints = await dashboard.screen(within: .seconds(15)) {
            !$0.contains("kill 2: bad-2") && $0.contains("/ filter")
        }
        #expect(hints.matched, "\(hints.screen)")

        // `m` goes from confirm straight to audit; enforce is only ever chosen by its own key.
        try await dashboard.tmux.send("m")
        let modes = await dashboard.screen { $0.contains("Mode: now confirm") && $0.contains("e enforce:") }
        #expect(modes.matched, "\(modes.screen)")
        try await dashboard.tmux.send("a")
        let audit = await dashboard.screen { $0.contains("mode audit") }
        #expect(audit.matched, "\(audit.screen)")

        // Then to enforce: each container it stops is in the report, not only the last to finish.
        for name in ["bad-5", "bad-6"] { try await TestEngine.runContainer(client, name: name) }
        let violating = await dashboard.screen { $0.contains("violating 2") }
        #expect(violating.matched, "\(violating.screen)")
        try await dashboard.tmux.send("m")
        #expect(await dashboard.screen { $0.contains("Mode: now audit") }.matched)
        try await dashboard.tmux.send("e")
        let enforced = await dashboard.screen(within: .seconds(20)) {
            $0.contains("kill 2: ") && $0.contains("bad-5 done") && $0.contains("bad-6 done")
        }
        #expect(enforced.matched, "\(enforced.screen)\nlog:\n\(dashboard.log)")
        try await dashboard.tmux.send("q")
        let exited = await dashboard.screen { $0.contains("terminal restored") || $0.contains("terminal left raw") }
        #expect(exited.screen.contains("dockerguard-tui exited 0"), "\(exited.screen)")
    }

    func state(_ name: String, _ engine: OwnEngine) async throws -> String {
        try await TestEngine.docker("container", "inspect", "-f", "{{.State.Status}}", name, host: engine.host)
    }

    func line(containing name: String, in screen: String) -> String? {
        screen.split(separator: "\n").dropFirst().first { $0.contains(name) }
            .map { String($0).trimmingCharacters(in: .whitespaces) }
    }
}
