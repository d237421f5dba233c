import Foundation
import TestSupport
import Testing

/// `i` and `x` end to end: the real dashboard in tmux against an engine of its own.
@Suite(
    "dashboard inspect and shell in tmux", .enabled(if: TestEngine.isAvailable, "needs scripts/test's private engine"))
struct DashboardShellTests {
    /// `marker-4242`: what the container's shell printed (the typed `marker-$$` has no digits).
    static func hasMarker(_ screen: String) -> Bool {
        screen.range(of: #"marker-[0-9]+"#, options: .regularExpression) != nil
    }

    @Test("i shows the inspect, its secret masked until M; x opens a shell in it and the dashboard comes back")
    func inspectAndShell() async throws {
        let engine = try await OwnEngine.start()
        defer { engine.stop() }
        let secret = "hunter2-\(UUID().uuidString.prefix(8))"
        _ = try await TestEngine.docker(
            [
                "run", "-d", "--name", "vault", "--network", "none", "-e", "DB_PASSWORD=\(secret)", "-e",
                "PLAIN_SETTING=visible", "busybox:local", "sleep", "3600",
            ], host: engine.host)
        let dashboard = try await DashboardProcess.start(
            engineHost: engine.host, allowList: "name=vault\n",
            arguments: ["--listen", "127.0.0.1:0", "--mode", "audit"])
        defer { dashboard.stop() }
        let listed = await dashboard.screen { $0.contains("vault") }
        #expect(listed.matched, "screen:\n\(listed.screen)\nlog:\n\(dashboard.log)")

        // The engine's inspect, pretty-printed; the secret masked, found by its name.
        try await dashboard.tmux.send("i")
        let opened = await dashboard.screen { $0.contains("inspect vault") && $0.contains("secret value masked") }
        #expect(opened.matched, "\(opened.screen)\nlog:\n\(dashboard.log)")
        try await dashboard.tmux.send("/")
        try await dashboard.tmux.send("DB_PASSWORD", literal: true)
        try await dashboard.tmux.send("Enter")
        let masked = await dashboard.screen { $0.contains("\"DB_PASSWORD=********\"") }
        #expect(masked.matched && !masked.screen.contains(secret), "\(masked.screen)")
        #expect(masked.screen.contains("PLAIN_SETTING=visible"), "\(masked.screen)")
        // M: the value, on request.
        try await dashboard.tmux.send("M")
        let shown = await dashboard.screen { $0.contains("DB_PASSWORD=\(secret)") }
        #expect(shown.matched, "\(shown.screen)")
        try await dashboard.tmux.send("Escape")
        let back = await dashboard.screen { !$0.contains("inspect vault") && $0.contains("NAME") }
        #expect(back.matched, "\(back.screen)")

        // x: a shell in the container through the docker CLI, curses suspended; exit brings it back.
        try await dashboard.tmux.send("x")
        let shell = await dashboard.screen(within: .seconds(30)) {
            $0.contains("a shell in vault") && $0.contains("/ #")
        }
        #expect(shell.matched, "\(shell.screen)\nlog:\n\(dashboard.log)")
        try await dashboard.tmux.send("echo marker-$$", literal: true)
        try await dashboard.tmux.send("Enter")
        let marker = await dashboard.screen { Self.hasMarker($0) }
        #expect(marker.matched, "\(marker.screen)")
        try await dashboard.tmux.send("exit", literal: true)
        try await dashboard.tmux.send("Enter")
        let returned = await dashboard.screen(within: .seconds(20)) { screen in
            screen.contains("shell in vault ended (exit 0)") && screen.contains("NAME") && screen.contains("vault")
        }
        #expect(returned.matched, "\(returned.screen)\nlog:\n\(dashboard.log)")
        #expect(!Self.hasMarker(returned.screen), "the shell's output is gone: the dashboard redrew")
        // A shell that fails: its last words stay on screen until Enter.
        try await dashboard.tmux.send("x")
        let again = await dashboard.screen(within: .seconds(30)) { $0.contains("/ #") }
        #expect(again.matched, "\(again.screen)")
        try await dashboard.tmux.send("exit 3", literal: true)
        try await dashboard.tmux.send("Enter")
        let held = await dashboard.screen { $0.contains("ended with status 3: Enter returns") }
        #expect(held.matched && !held.screen.contains("NAME"), "\(held.screen)")
        try await dashboard.tmux.send("Enter")
        let failed = await dashboard.screen { $0.contains("shell in vault ended (exit 3)") && $0.contains("NAME") }
        #expect(failed.matched, "\(failed.screen)")
        // Still answering keys.
        try await dashboard.tmux.send("?")
        let help = await dashboard.screen { $0.contains("shell (docker exec sh)") }
        #expect(help.matched, "\(help.screen)")
    }

    @Test("--readonly: no x, and help does not offer it")
    func readonlyHidesShell() async throws {
        let engine = try await OwnEngine.start()
        defer { engine.stop() }
        _ = try await TestEngine.docker(
            ["run", "-d", "--name", "calm", "--network", "none", "busybox:local", "sleep", "3600"], host: engine.host)
        let dashboard = try await DashboardProcess.start(
            engineHost: engine.host, allowList: "name=calm\n", arguments: ["--listen", "127.0.0.1:0", "--readonly"])
        defer { dashboard.stop() }
        let listed = await dashboard.screen { $0.contains("calm") && $0.contains("READONLY") }
        #expect(listed.matched, "\(listed.screen)\nlog:\n\(dashboard.log)")
        try await dashboard.tmux.send("x")
        let refused = await dashboard.screen { $0.contains("unknown key") }
        #expect(refused.matched && !refused.screen.contains("a shell in"), "\(refused.screen)")
        try await dashboard.tmux.send("?")
        let help = await dashboard.screen { $0.contains("keys") && $0.contains("inspect") }
        #expect(help.matched && !help.screen.contains("docker exec"), "\(help.screen)")
    }
}
