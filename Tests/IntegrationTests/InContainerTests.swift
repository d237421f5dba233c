import DockerEngine
import Foundation
import TestSupport
import Testing

/// dockerguard running as a container on an engine of its own, with the engine's socket mounted.
@Suite("dockerguard inside a container", .enabled(if: TestEngine.isAvailable, "needs scripts/test's private engine"))
struct InContainerTests {
    @Test("with an empty allow-list in enforce mode it stops everything else and never itself")
    func neverActsOnItself() async throws {
        let ownEngine = try OwnEngine()
        defer { ownEngine.stop() }
        let host = ownEngine.host
        let image = try Subprocess.run("/usr/bin/env", [
            "DOCKER_HOST=\(host)", "DOCKERGUARD_BIN=\(DockerGuardProcess.binaryPath)",
            (TestEngine.environment["DOCKERGUARD_TEST_SCRIPTS"] ?? RepositoryPaths.root + "/scripts") + "/image",
            "--debug", "dockerguard:test",
        ])
        #expect(image.status == 0, "\(image.stderr)")
        let socket = String(host.dropFirst("unix://".count))
        // The private engine has no bridge to publish ports on: the host's network stands in for it.
        let port = Int.random(in: 20_000..<40_000)
        let guardID = try TestEngine.docker(
            "run", "-d", "--name", "dockerguard", "--network", "host", "-v", "\(socket):/var/run/docker.sock",
            "-e", "DOCKERGUARD_MODE=enforce", "-e", "DOCKERGUARD_ACTION=kill", "-e", "DOCKERGUARD_LISTEN=127.0.0.1:\(port)",
            "dockerguard:test", host: host)
        let api = HTTPProbe(baseURL: "http://127.0.0.1:\(port)")

        let client = try TestEngine.client(host: host)
        // Give it time to sync and to judge itself.
        let ready = await eventually(timeout: .seconds(10)) {
            Self.logs(host).contains("connected to the Docker engine")
        }
        #expect(ready != nil)
        let victim = try await TestEngine.runContainer(client, name: "victim")
        let killed = await eventually(timeout: .seconds(5)) {
            (try? TestEngine.docker("inspect", "-f", "{{.State.Status}}", victim, host: host)) == "exited"
        }
        #expect(killed != nil, "the guard in a container did not enforce")
        try await Task.sleep(for: .seconds(1))
        #expect(try TestEngine.docker("inspect", "-f", "{{.State.Status}}", guardID, host: host) == "running")
        // The API answers from inside the container, and lists the guard itself, never acted on.
        let listed = try await api.containers()
        #expect(listed[guardID]?["container_name"] as? String == "/dockerguard")
        #expect(listed[victim] == nil)
        let logs = Self.logs(host)
        #expect(logs.contains("self=\(guardID.prefix(12))"), "\(logs)")
        _ = try? TestEngine.docker("rm", "-f", "dockerguard", host: host)
    }

    /// The guard container's log (it logs to standard error, which `docker logs` replays there).
    static func logs(_ host: String) -> String {
        (try? Subprocess.run("/usr/bin/env", ["docker", "-H", host, "logs", "dockerguard"]).stderr) ?? ""
    }
}
