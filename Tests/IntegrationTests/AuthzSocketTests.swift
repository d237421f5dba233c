import Foundation
import TestSupport
import Testing

/// The plugin's socket without systemd: a stale one is replaced, a live one never taken over.
@Suite("Authorization plugin socket", .enabled(if: TestEngine.isAvailable, "needs scripts/test's build"))
struct AuthzSocketTests {
    @Test("a stale socket is replaced at start; a second guard on a live socket exits and says why")
    func staleAndLive() async throws {
        let path = NSTemporaryDirectory() + "dg-authz-\(UUID().uuidString.prefix(8)).sock"
        defer { unlink(path) }
        // A socket file nobody listens on, as a SIGKILLed plugin leaves it.
        let stale = try await Subprocess.run(
            "/usr/bin/env",
            [
                "python3", "-c", "import socket,sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])", path,
            ])
        #expect(stale.status == 0)
        let first = try await DockerGuardProcess(
            engineHost: "unix:///nonexistent/docker.sock", allowList: "name=x\n",
            extraArguments: ["--authz", "--authz-socket", path])
        let listening = await eventually(timeout: .seconds(10)) {
            first.log.contains("authz plugin listening on \(path)")
        }
        #expect(listening != nil, "log:\n\(first.log)")
        let probe = try await Subprocess.run(
            DockerGuardProcess.binaryPath,
            [
                "authz", "status", "--authz-socket", path, "--docker-host", "unix:///nonexistent/docker.sock",
            ])
        #expect(probe.stdout.contains("\(path): answers (implements authz"), "\(probe.stdout)")

        let second = try await Subprocess.run(
            "/usr/bin/env",
            [
                "XDG_CONFIG_HOME=\(first.home)/config", "XDG_STATE_HOME=\(first.home)/state2",
                "timeout", "30", DockerGuardProcess.binaryPath, "run", "--listen", "127.0.0.1:0",
                "--docker-host", "unix:///nonexistent/docker.sock", "--authz", "--authz-socket", path,
            ])
        #expect(second.status != 0 && second.status != 124, "status \(second.status)")
        #expect(second.stderr.contains("another process already serves the plugin socket \(path)"), "\(second.stderr)")
        #expect(first.isRunning)
        // nil: still running 10 s after SIGTERM (then SIGKILLed).
        let status = await first.terminate()
        #expect(status == 0, "exit status \(status.map(String.init) ?? "none"); log:\n\(first.log)")
        #expect(!FileManager.default.fileExists(atPath: path), "the socket is removed on a clean exit")
    }

    @Test("SIGHUP (a closed terminal, a dropped ssh session) ends the plugin as SIGTERM does: exit 0, no socket left")
    func hangUp() async throws {
        let path = NSTemporaryDirectory() + "dg-authz-\(UUID().uuidString.prefix(8)).sock"
        defer { unlink(path) }
        let guardian = try await DockerGuardProcess(
            engineHost: "unix:///nonexistent/docker.sock", allowList: "name=x\n",
            extraArguments: ["--authz", "--authz-socket", path])
        let listening = await eventually(timeout: .seconds(10)) {
            guardian.log.contains("authz plugin listening on \(path)")
        }
        #expect(listening != nil, "log:\n\(guardian.log)")
        #expect(await guardian.terminate(signal: SIGHUP) == 0, "log:\n\(guardian.log)")
        #expect(!FileManager.default.fileExists(atPath: path), "the socket is removed on SIGHUP too")
    }
}
