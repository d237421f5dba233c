import Foundation
import TestSupport
import Testing

@Suite(
    "A second plugin on a socket in use",
    .enabled(if: TestEngine.isAvailable, "needs scripts/test's engine tools"))
struct AuthzSocketInUseTests {
    @Test("a second run --authz on a socket that answers exits at once with one clear error, its API never started")
    func secondPluginRefused() async throws {
        let engine = try await PluginEngine.make()  // its engine never starts: the plugin serves without one
        defer { engine.stop() }
        let first = try await engine.startGuard(mode: "enforce", allowList: "name=dgok-*\n")
        let second = try await Subprocess.run(
            "/usr/bin/timeout",
            [
                "30", DockerGuardProcess.binaryPath, "run", "--authz", "--authz-name", engine.name, "--listen",
                "127.0.0.1:0", "--docker-host", engine.host, "--allowlist", first.allowListPath,
            ])
        let output = second.stdout + second.stderr
        #expect(second.status != 0 && second.status != 124, "\(output)")
        #expect(output.contains("another process already serves the plugin socket \(engine.socketPath)"), "\(output)")
        // Nothing else started: no API listening, no server errors before the one that matters.
        #expect(!output.contains("listening"), "\(output)")
        #expect(!output.lowercased().contains("hummingbird"), "\(output)")
        // The first plugin is untouched and still answers.
        #expect(first.isRunning)
        #expect(FileManager.default.fileExists(atPath: engine.socketPath))
    }
}
