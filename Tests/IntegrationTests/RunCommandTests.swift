import DockerEngine
import Foundation
import TestSupport
import Testing

/// `dockerguard run`, the real binary, against the private engine.
@Suite(
    "dockerguard run against the real engine",
    .enabled(if: TestEngine.isAvailable, "needs scripts/test's private engine"), .serialized)
struct RunCommandTests {
    @Test("started containers appear within 1 s with every seed field equal to docker inspect")
    func containersAppear() async throws {
        let client = try TestEngine.client()
        let guardian = try await DockerGuardProcess(engineHost: TestEngine.host)
        let api = guardian.probe
        #expect(await api.waitUntilReady() != nil, "\(guardian.log)")

        let names = (1...3).map { TestEngine.uniqueName("seed\($0)") }
        defer { TestEngine.forceRemove(names) }
        var ids: [String] = []
        for name in names { ids.append(try await TestEngine.runContainer(client, name: name)) }

        let appeared = try await eventually(timeout: .seconds(1)) {
            let listed = try await api.containers()
            return ids.allSatisfy { listed[$0] != nil }
        }
        #expect(appeared != nil, "not all listed within 1 s")

        let listed = try await api.containers()
        for id in ids {
            let item = try #require(listed[id])
            let inspect = try await TestEngine.docker(
                "container", "inspect", "-f", "{{.Id}}|{{.Name}}|{{.Image}}|{{.State.Status}}", id
            )
            .split(separator: "|").map(String.init)
            #expect(item["container_id"] as? String == inspect[0])
            #expect(item["container_name"] as? String == inspect[1])
            #expect(item["image"] as? String == inspect[2])
            #expect(item["status"] as? String == inspect[3])
            #expect((item["container_id"] as? String)?.count == 64)
            #expect((item["image"] as? String)?.hasPrefix("sha256:") == true)
        }
        #expect(await guardian.terminate() == 0)
    }

    @Test("--ready-file names the bound port and the pid once the API listens")
    func readyFile() async throws {
        let guardian = try await DockerGuardProcess(engineHost: TestEngine.host)
        let ready = try #require(ReadyFileContents.read(guardian.readyFilePath))
        #expect(ready.pid == Int(guardian.pid))
        #expect(ready.listen.hasPrefix("127.0.0.1:") && !ready.listen.hasSuffix(":0"), "\(ready.listen)")
        #expect(try await HTTPProbe(baseURL: "http://" + ready.listen).get("/healthz").status == 200)
        #expect(await guardian.terminate() == 0)
    }

    @Test("stop removes it from /containers, ?all=true still lists it as exited; rename shows the new name")
    func stopAndRename() async throws {
        let client = try TestEngine.client()
        let guardian = try await DockerGuardProcess(engineHost: TestEngine.host)
        let api = guardian.probe
        #expect(await api.waitUntilReady() != nil, "\(guardian.log)")
        let name = TestEngine.uniqueName("stop")
        let renamed = name + "-renamed"
        defer { TestEngine.forceRemove([name, renamed]) }

        let id = try await TestEngine.runContainer(client, name: name)
        #expect(try await eventually { try await api.containers()[id] != nil } != nil)

        _ = try await TestEngine.docker("rename", name, renamed)
        let renamedSeen = try await eventually(timeout: .seconds(1)) {
            try await api.containers()[id]?["container_name"] as? String == "/" + renamed
        }
        #expect(renamedSeen != nil, "rename not reflected within 1 s")

        _ = try await TestEngine.docker("stop", "-t", "0", id)
        let gone = try await eventually(timeout: .seconds(1)) { try await api.containers()[id] == nil }
        #expect(gone != nil, "stopped container still listed after 1 s")
        let all = try await api.containers("?all=true")
        #expect(all[id]?["status"] as? String == "exited")
        #expect(all[id]?["container_name"] as? String == "/" + renamed)

        _ = try await TestEngine.docker("rm", id)
        #expect(try await eventually(timeout: .seconds(1)) { try await api.containers("?all=true")[id] == nil } != nil)
        #expect(await guardian.terminate() == 0)
    }

    @Test("SIGINT and SIGTERM stop it cleanly with exit status 0", arguments: [SIGINT, SIGTERM])
    func cleanShutdown(signal: Int32) async throws {
        let guardian = try await DockerGuardProcess(engineHost: TestEngine.host)
        #expect(await guardian.probe.waitUntilReady() != nil)
        #expect(await guardian.terminate(signal: signal) == 0, "\(guardian.log)")
        #expect(guardian.log.contains("dockerguard stopped"))
    }

    @Test("JSON logs are one JSON object per line")
    func jsonLogs() async throws {
        let guardian = try await DockerGuardProcess(
            engineHost: TestEngine.host, extraArguments: ["--log-format", "json"])
        #expect(await guardian.probe.waitUntilReady() != nil)
        await guardian.terminate()
        let lines = guardian.log.split(separator: "\n").filter { !$0.isEmpty }
        #expect(lines.count >= 3)
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["message"] is String, "\(line)")
            #expect(object?["level"] is String)
        }
    }

    @Test("a port in use is a one-line error naming the address, and a non-zero exit")
    func portInUse() async throws {
        let first = try await DockerGuardProcess(engineHost: TestEngine.host)
        let address = first.probe.baseURL.replacingOccurrences(of: "http://", with: "")
        let result = try await Subprocess.run(
            DockerGuardProcess.binaryPath, ["run", "--listen", address, "--docker-host", TestEngine.host!])
        #expect(result.status != 0)
        let errorLines = result.stderr.split(separator: "\n").filter { $0.hasPrefix("error:") }
        #expect(errorLines == ["error: cannot listen on \(address): address already in use"], "\(result.stderr)")
        await first.terminate()
    }

    @Test("--help and --version")
    func helpAndVersion() async throws {
        let help = try await Subprocess.run(DockerGuardProcess.binaryPath, ["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("run"))
        let runHelp = try await Subprocess.run(DockerGuardProcess.binaryPath, ["run", "--help"])
        #expect(runHelp.stdout.contains("--listen"))
        let version = try await Subprocess.run(DockerGuardProcess.binaryPath, ["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
    }

    @Test("a bad DOCKER_HOST or --listen is a clear usage error")
    func badArguments() async throws {
        let badEngine = try await Subprocess.run(
            DockerGuardProcess.binaryPath, ["run", "--docker-host", "npipe://host"])
        #expect(badEngine.status != 0)
        #expect(badEngine.stderr.contains("only unix://, tcp:// and ssh://"))
        let badListen = try await Subprocess.run(DockerGuardProcess.binaryPath, ["run", "--listen", "nowhere"])
        #expect(badListen.status != 0)
        #expect(badListen.stderr.contains("--listen"))
    }
}
