import Foundation
import TestSupport
import Testing

/// `scripts/demo` in a terminal (tmux), with a stand-in for the dashboard that writes the two logs
/// and quits: what the demo leaves behind and what it says about it.
///
/// The demo gets no engine that answers, so it starts a private one of its own: on the suite's
/// shared engine, the other suites' enforcing guards would fight its `--restart always` sample
/// (kill, restart, kill…) and load that engine for everyone.
@Suite("scripts/demo", .enabled(if: TestEngine.isAvailable && getuid() == 0, "needs root and a test engine"))
struct DemoTests {
    @Test("on exit the samples go, the logs stay, and the demo says where they are")
    func keepsTheLogs() async throws {
        let home = NSTemporaryDirectory() + "dg-demo-test-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: home) }
        let fake = home + "/fake-tui"
        try writeExecutable(
            """
            #!/bin/sh
            mkdir -p "$XDG_STATE_HOME/dockerguard"
            echo '{"event":"resync"}' > "$XDG_STATE_HOME/dockerguard/audit.jsonl"
            echo 'dashboard log' > "$XDG_STATE_HOME/dockerguard/tui.log"
            """, to: fake)
        let stderrPath = home + "/demo.err"
        // Waited for through files, not tmux capture-pane: polling a subprocess holds a thread of
        // the small pool the other suites share.
        let exitPath = home + "/demo.exit"
        let q = TmuxSession.quote
        let noEngine = "unix://\(home)/no-engine.sock"
        let command =
            "env DOCKER_HOST=\(q(noEngine)) DOCKERGUARD_TUI_BIN=\(q(fake)) DEMO_LISTEN=127.0.0.1:0 "
            + "\(q(RepositoryPaths.root + "/scripts/demo")) --no-build 2>\(q(stderrPath)); "
            + "echo \"demo exited $?\" >\(q(exitPath)); sleep 60"
        let session = try await TmuxSession.start(command: command, width: 120, height: 40)
        defer { session.kill() }
        let stderr = { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }
        let prompted = await eventually(timeout: .seconds(180)) { stderr().contains("Press Enter") }
        #expect(prompted != nil, "\(stderr())")
        try await session.send("Enter")
        let exitLine = { (try? String(contentsOfFile: exitPath, encoding: .utf8)) ?? "" }
        let exited = await eventually(timeout: .seconds(120)) { exitLine().contains("demo exited") }
        let screen = await session.capture()
        #expect(exited != nil, "\(screen)\n\(stderr())")
        #expect(exitLine() == "demo exited 0\n", "\(stderr())")

        let said = try #require(
            stderr().split(separator: "\n").first { $0.contains("the logs are kept: ") }, "\(stderr())")
        let audit = try #require(said.split(separator: " ").first { $0.hasSuffix("/audit.jsonl") }.map(String.init))
        // The demo's temp dir: /tmp/dg-demo.XXXX/xdg-state/dockerguard/audit.jsonl
        let work = URL(fileURLWithPath: audit).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        defer { if work.hasPrefix("/tmp/dg-demo.") { try? FileManager.default.removeItem(atPath: work) } }
        #expect(try String(contentsOfFile: audit, encoding: .utf8) == "{\"event\":\"resync\"}\n")
        let tuiLog = (audit as NSString).deletingLastPathComponent + "/tui.log"
        #expect(FileManager.default.fileExists(atPath: tuiLog))
        #expect(stderr().contains("rm -rf /tmp/dg-demo."), "\(stderr())")
        // The private engine, and with it the samples, is gone; only the logs and the list stay.
        #expect(stderr().contains("stopping the private engine"), "\(stderr())")
        let kept = try FileManager.default.contentsOfDirectory(atPath: work).sorted()
        #expect(kept == ["allowlist", "xdg-state"], "\(kept)")
    }

    @Test("--authz: a disallowed docker run is refused once the dashboard is up; on exit the plugin is taken out first")
    func prevention() async throws {
        let home = NSTemporaryDirectory() + "dg-demo-authz-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: home) }
        let stderrPath = home + "/demo.err"
        let exitPath = home + "/demo.exit"
        let q = TmuxSession.quote
        let command =
            "env DOCKERGUARD_TUI_BIN=\(q(DashboardProcess.binaryPath)) DEMO_LISTEN=127.0.0.1:0 "
            + "\(q(RepositoryPaths.root + "/scripts/demo")) --authz --no-build 2>\(q(stderrPath)); "
            + "echo \"demo exited $?\" >\(q(exitPath)); sleep 60"
        let session = try await TmuxSession.start(command: command, width: 120, height: 40)
        defer { session.kill() }
        let stderr = { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }
        let prompted = await eventually(timeout: .seconds(180)) { stderr().contains("Press Enter") }
        #expect(prompted != nil, "\(stderr())")
        let list = try #require(
            stderr().split(separator: "\n").first { $0.contains("allow-list  /tmp/dg-demo.") }, "\(stderr())")
        let work = try #require(list.split(separator: " ").last.map { ($0 as NSString).deletingLastPathComponent })
        defer { if work.hasPrefix("/tmp/dg-demo.") { try? FileManager.default.removeItem(atPath: work) } }
        try await session.send("Enter")

        let authzLog = { (try? String(contentsOfFile: work + "/xdg-state/demo-authz.log", encoding: .utf8)) ?? "" }
        let on = await eventually(timeout: .seconds(60)) { authzLog().contains("prevention on: ") }
        let screen = await session.capture()
        #expect(on != nil, "\(authzLog())\n\(screen)")
        let host = try #require(authzLog().split(separator: " ").first { $0.hasPrefix("unix://") }.map(String.init))
        // Turned on by SIGHUP, which `docker info` does not show: `authz status` sees it all the same.
        let socket = try #require(
            authzLog().split(whereSeparator: \.isWhitespace).first { $0.hasPrefix("/run/docker/plugins/") })
        let plugin = String(socket.dropFirst("/run/docker/plugins/".count).dropLast(".sock".count))
        let status = try await Subprocess.run(
            DockerGuardProcess.binaryPath, ["authz", "status", "--docker-host", host, "--authz-name", plugin])
        #expect(status.status == 0, "\(status.stdout)\(status.stderr)")
        #expect(status.stdout.contains("calls \(plugin) (a /_ping of ours reached it)"), "\(status.stdout)")
        let refused = try await Subprocess.run(
            "/usr/bin/timeout",
            ["60", "docker", "-H", host, "run", "-d", "--network", "none", "--name", "dgdemo-new", "busybox:local"])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("waits in the dashboard"), "\(refused.stderr)")
        let pending = await eventually(timeout: .seconds(15)) {
            await session.capture().split(separator: "\n").contains {
                $0.contains("dgdemo-new") && $0.contains("Refused")
            }
        }
        let pendingScreen = await session.capture()
        #expect(pending != nil, "\(pendingScreen)")

        try await session.send("q")
        let exitLine = { (try? String(contentsOfFile: exitPath, encoding: .utf8)) ?? "" }
        let exited = await eventually(timeout: .seconds(120)) { exitLine().contains("demo exited") }
        let lastScreen = await session.capture()
        #expect(exited != nil, "\(lastScreen)\n\(stderr())")
        #expect(exitLine() == "demo exited 0\n", "\(stderr())")
        let off = try #require(stderr().range(of: "prevention off"), "\(stderr())")
        let stopping = try #require(stderr().range(of: "stopping the private engine"), "\(stderr())")
        #expect(off.lowerBound < stopping.lowerBound, "the plugin must leave the engine before it stops")
    }
}
