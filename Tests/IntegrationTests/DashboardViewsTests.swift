import Foundation
import TestSupport
import Testing

/// The views of issue 15 end to end: the real dashboard in tmux against an engine of its own
/// (in enforce mode it stops what the list does not allow, which must not reach other tests).
@Suite("dashboard views in tmux", .enabled(if: TestEngine.isAvailable, "needs scripts/test's private engine"))
struct DashboardViewsTests {
    /// The newest `tick N` on screen.
    static func newestTick(_ screen: String) -> Int? {
        screen.split(separator: "\n").compactMap { line -> Int? in
            guard let range = line.range(of: "tick ") else { return nil }
            return Int(line[range.upperBound...].prefix { $0.isNumber })
        }.max()
    }

    /// l follows a container printing every 100 ms live, stderr marked; f pauses; its stop is said;
    /// v shows a violation the guard acted on, and Enter goes to its row.
    @Test("logs followed live, paused and ended; a violation acted on in the timeline")
    func logsFollowed() async throws {
        let engine = try await OwnEngine.start()
        defer { engine.stop() }
        let script = "i=0; while :; do i=$((i+1)); echo \"tick $i\"; echo \"oops $i\" >&2; usleep 100000; done"
        _ = try await TestEngine.docker(
            ["run", "-d", "--name", "talker", "--network", "none", "busybox:local", "sh", "-c", script],
            host: engine.host)
        let dashboard = try await DashboardProcess.start(
            engineHost: engine.host, allowList: "name=talker\n",
            arguments: ["--listen", "127.0.0.1:0", "--mode", "enforce", "--action", "stop"])
        defer { dashboard.stop() }
        let listed = await dashboard.screen { $0.contains("talker") }
        #expect(listed.matched, "screen:\n\(listed.screen)\nlog:\n\(dashboard.log)")

        // `c`: the container's CPU and memory appear in the columns (a second sample gives the CPU %).
        try await dashboard.tmux.send("c")
        let stats = await dashboard.screen(within: .seconds(20)) { screen in
            screen.contains("CPU%")
                && screen.split(separator: "\n").contains {
                    $0.contains("talker") && $0.contains("%") && $0.contains("iB")
                }
        }
        #expect(stats.matched, "\(stats.screen)\nlog:\n\(dashboard.log)")

        try await dashboard.tmux.send("l")
        let opened = await dashboard.screen { Self.newestTick($0) != nil && $0.contains("following") }
        #expect(opened.matched && opened.screen.contains("logs talker"), "\(opened.screen)\nlog:\n\(dashboard.log)")
        let first = Self.newestTick(opened.screen) ?? 0
        // Live: newer lines appear without a key.
        let live = await dashboard.screen(within: .seconds(20)) { (Self.newestTick($0) ?? 0) >= first + 5 }
        #expect(live.matched, "not followed past tick \(first):\n\(live.screen)")
        // stderr lines are marked in the gutter.
        #expect(live.screen.split(separator: "\n").contains { $0.hasPrefix("!oops ") }, "\(live.screen)")

        // f pauses: the newest line stays while new ones are counted below; G follows again.
        try await dashboard.tmux.send("f")
        let paused = await dashboard.screen { $0.contains("more below") }
        #expect(paused.matched, "\(paused.screen)")
        let held = Self.newestTick(paused.screen) ?? 0
        let stillHeld = await dashboard.screen { $0.contains("more below") && Self.newestTick($0) == held }
        #expect(stillHeld.matched, "\(stillHeld.screen)")
        try await dashboard.tmux.send("G")
        let again = await dashboard.screen(within: .seconds(20)) { (Self.newestTick($0) ?? 0) > held + 3 }
        #expect(again.matched, "\(again.screen)")

        // Stopped while viewed: said, and what was shown stays.
        _ = try await TestEngine.docker(["stop", "-t", "1", "talker"], host: engine.host)
        let ended = await dashboard.screen(within: .seconds(20)) { $0.contains("container exited") }
        #expect(ended.matched && Self.newestTick(ended.screen) != nil, "\(ended.screen)")

        // Esc: back to the table.
        try await dashboard.tmux.send("Escape")
        let back = await dashboard.screen { !$0.contains("logs talker") && $0.contains("NAME") }
        #expect(back.matched, "\(back.screen)")

        // A container the list does not allow: stopped by the guard, and the timeline says so.
        _ = try await TestEngine.docker(
            ["run", "-d", "--name", "intruder", "--network", "none", "busybox:local", "sleep", "3600"],
            host: engine.host)
        let stopped = await eventually(timeout: .seconds(30)) {
            (try? await TestEngine.docker(
                ["container", "inspect", "-f", "{{.State.Running}}", "intruder"], host: engine.host)) == "false"
        }
        #expect(stopped != nil, "intruder still running; log:\n\(dashboard.log)")
        try await dashboard.tmux.send("v")
        let timeline = await dashboard.screen { screen in
            screen.contains("decisions")
                && screen.split(separator: "\n").contains { line in
                    line.contains("intruder") && line.contains("stop") && line.contains("done")
                }
        }
        #expect(timeline.matched, "\(timeline.screen)\nlog:\n\(dashboard.log)")
        #expect(timeline.screen.contains("1 action in the last hour"), "\(timeline.screen)")
        // Enter on it: the table, stopped rows shown, the intruder selected.
        try await dashboard.tmux.send("/")
        try await dashboard.tmux.send("intruder", literal: true)
        try await dashboard.tmux.send("Enter")
        try await dashboard.tmux.send("Enter")
        let row = await dashboard.screen { $0.contains("NAME") && $0.contains("intruder") && !$0.contains("decisions") }
        #expect(row.matched, "\(row.screen)")
    }
}
