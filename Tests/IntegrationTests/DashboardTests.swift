import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `dockerguard-tui` end to end: the real binary in tmux against an engine of its own (its `S`
/// stops every violating container, which must not reach other tests' containers).
@Suite("dockerguard-tui in tmux", .enabled(if: TestEngine.isAvailable, "needs scripts/test's private engine"))
struct DashboardTests {
    @Test("verdicts shown; `a` allows; `S` with typed count stops; API answers; resize fits; q restores the terminal")
    func operatorSession() async throws {
        let engine = try await OwnEngine.start()
        defer { engine.stop() }
        let client = try TestEngine.client(host: engine.host)
        for name in ["ok-1", "ok-2", "ok-3", "bad-1", "bad-2"] { try await TestEngine.runContainer(client, name: name) }
        let dashboard = try await DashboardProcess.start(
            engineHost: engine.host, allowList: "# test list\nname=ok-*\n",
            arguments: ["--listen", "127.0.0.1:0", "--mode", "audit"])
        defer { dashboard.stop() }

        // Three allowed and two violating, each with its glyph.
        let shown = await dashboard.screen { screen in
            ["ok-1", "ok-2", "ok-3", "bad-1", "bad-2"].allSatisfy(screen.contains)
        }
        #expect(shown.matched, "screen:\n\(shown.screen)\nlog:\n\(dashboard.log)")
        for name in ["ok-1", "ok-2", "ok-3"] {
            #expect(line(containing: name, in: shown.screen)?.contains("✓") == true, "\(shown.screen)")
        }
        for name in ["bad-1", "bad-2"] {
            #expect(line(containing: name, in: shown.screen)?.contains("✗") == true, "\(shown.screen)")
        }
        #expect(shown.screen.contains("violating 2"), "\(shown.screen)")

        // The API alongside, in the seed's shape.
        let base = await dashboard.apiBaseURL()
        #expect(base != nil, "no ready file; log:\n\(dashboard.log)")
        if let base {
            // With curl, as a client of the original tool would.
            let curl = try await Subprocess.run(
                "/usr/bin/env", ["curl", "-sS", "--max-time", "5", base + "/containers"])
            #expect(curl.status == 0, "\(curl.stderr)")
            let body = try JSONSerialization.jsonObject(with: Data(curl.stdout.utf8)) as? [String: Any]
            let items = body?["data"] as? [[String: Any]]
            #expect(items?.count == 5)
            for item in items ?? [] {
                #expect(item["container_id"] is String && item["container_name"] is String && item["image"] is String)
                #expect(item["status"] as? String == "running")
            }
        }

        // `a` on bad-1, Enter takes the proposed `name=bad-1`: saved to disk, and the verdict flips.
        try await dashboard.tmux.send("/")
        try await dashboard.tmux.send("bad-1", literal: true)
        try await dashboard.tmux.send("Enter")
        try await dashboard.tmux.send("a")
        let proposed = await dashboard.screen { $0.contains("name=bad-1") }
        #expect(proposed.matched, "no name=bad-1 proposed:\n\(proposed.screen)")
        try await dashboard.tmux.send("Enter")
        // Saved, not only previewed (`✗→✓` while the proposal is open): the row names its rule.
        let flipped = await dashboard.screen { line(containing: "bad-1", in: $0)?.contains("allowlist:3") == true }
        #expect(flipped.matched, "bad-1 did not flip:\n\(flipped.screen)")
        let saved = try String(contentsOfFile: dashboard.allowListPath, encoding: .utf8)
        #expect(saved == "# test list\nname=ok-*\nname=bad-1\n")

        // `S` names the one violating container and stops it only once its count is typed.
        try await dashboard.tmux.send("Escape")
        try await dashboard.tmux.send("S")
        let dialog = await dashboard.screen { $0.contains("type 1") }
        #expect(dialog.matched && dialog.screen.contains("bad-2"), "\(dialog.screen)")
        try await dashboard.tmux.send("1", literal: true)
        try await dashboard.tmux.send("Enter")
        let stopped = await eventually(timeout: .seconds(15)) {
            (try? await TestEngine.docker(
                "container", "inspect", "-f", "{{.State.Running}}", "bad-2", host: engine.host))
                == "false"
        }
        let screen = await dashboard.tmux.capture()
        #expect(stopped != nil, "bad-2 still running; screen:\n\(screen)\nlog:\n\(dashboard.log)")
        #expect(
            try await TestEngine.docker("container", "inspect", "-f", "{{.State.Running}}", "bad-1", host: engine.host)
                == "true")

        // Resize: everything fits, down to 40×10; below that a note.
        try await dashboard.tmux.resize(width: 40, height: 10)
        let small = await dashboard.screen { $0.contains("ok-1") && !$0.contains("IMAGE") }
        #expect(small.matched, "\(small.screen)")
        #expect(small.screen.split(separator: "\n").allSatisfy { $0.count <= 40 }, "\(small.screen)")
        try await dashboard.tmux.resize(width: 30, height: 8)
        let tiny = await dashboard.screen { $0.contains("too small") }
        #expect(tiny.matched, "\(tiny.screen)")
        try await dashboard.tmux.resize(width: 120, height: 40)

        // q: the process exits 0 and the terminal is back in its normal (cooked, echoing) mode.
        try await dashboard.tmux.send("q")
        let exited = await dashboard.screen { $0.contains("terminal restored") || $0.contains("terminal left raw") }
        #expect(exited.screen.contains("dockerguard-tui exited 0"), "\(exited.screen)\nlog:\n\(dashboard.log)")
        #expect(exited.screen.contains("terminal restored"), "\(exited.screen)")
        // A clean quit stops the HTTP API gracefully: nothing of Hummingbird's at error level.
        let log = dashboard.log
        #expect(!log.contains("Waiting on child channel") && !log.contains("Server shutdown error"), "\(log)")
    }

    @Test("SIGTERM restores the terminal; a busy API port leaves the UI running and says so")
    func signalAndBusyPort() async throws {
        let engine = try await OwnEngine.start()
        defer { engine.stop() }
        let blocker = try PortBlocker()
        defer { blocker.close() }
        let dashboard = try await DashboardProcess.start(
            engineHost: engine.host, allowList: "name=x\n", arguments: ["--listen", "127.0.0.1:\(blocker.port)"],
            width: 160, height: 30)
        defer { dashboard.stop() }
        // Liveness bounds, not speed: a loaded machine (the whole suite at once) once took over 10 s here.
        let busy = await dashboard.screen(within: .seconds(30)) { $0.contains("address already in use") }
        #expect(busy.matched, "\(busy.screen)\nlog:\n\(dashboard.log)")
        // The ready file says the API listens: with the port taken it never does.
        #expect(ReadyFileContents.read(dashboard.readyFilePath) == nil)
        let pid = try await dashboard.tmux.panePID()
        // The pane runs `sh`; the dashboard is its child.
        let child = try await Subprocess.run("/usr/bin/env", ["pgrep", "-P", "\(pid)", "-f", "dockerguard-tui"])
        let dashboardPID = child.stdout.split(separator: "\n").first.map(String.init) ?? ""
        #expect(!dashboardPID.isEmpty, "no dashboard process under the pane")
        _ = try await Subprocess.run("/usr/bin/env", ["kill", "-TERM", dashboardPID])
        let exited = await dashboard.screen(within: .seconds(30)) {
            $0.contains("terminal restored") || $0.contains("terminal left raw")
        }
        #expect(exited.screen.contains("dockerguard-tui exited 0"), "\(exited.screen)\nlog:\n\(dashboard.log)")
        #expect(exited.screen.contains("terminal restored"), "\(exited.screen)")
    }

    /// The table row showing `name` (the header line, which may quote a filter, is skipped).
    func line(containing name: String, in screen: String) -> String? {
        screen.split(separator: "\n").dropFirst().first { $0.contains(name) }.map(String.init)
    }
}

/// Holds a loopback port open so that the dashboard's API cannot bind it.
struct PortBlocker {
    let fd: Int32
    let port: Int

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.fd = fd
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && listen(fd, 1) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard bound else { throw TestFailure("cannot bind a loopback port") }
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    func close() { _ = Glibc.close(fd) }
}
