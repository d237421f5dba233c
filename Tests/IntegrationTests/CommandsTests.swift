import DockerEngine
import Foundation
import TestSupport
import Testing

/// `dockerguard check`, `snapshot` and headless confirm mode.
@Suite(
    "check, snapshot and confirm", .enabled(if: TestEngine.isAvailable, "needs scripts/test's private engine"),
    .serialized)
struct CommandsTests {
    func run(_ arguments: [String], home: String) async throws -> Subprocess.Result {
        // `env` gives the command a private XDG home, so no user config is read.
        try await Subprocess.run(
            "/usr/bin/env",
            [
                "-u", "DOCKER_HOST", "XDG_CONFIG_HOME=\(home)/config", "XDG_STATE_HOME=\(home)/state", "HOME=\(home)",
                DockerGuardProcess.binaryPath,
            ] + arguments)
    }

    func temporaryHome() throws -> String {
        let home = NSTemporaryDirectory() + "dg-cmd-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: home + "/config/dockerguard", withIntermediateDirectories: true)
        return home
    }

    @Test("check: every error with path:line:column and exit 1; a valid list passes")
    func check() async throws {
        let home = try temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let list = home + "/list"
        try "name=web-*\nnmae=x\nid=zz\nimage=\"unterminated\n".write(toFile: list, atomically: true, encoding: .utf8)
        let bad = try await run(["check", "--allowlist", list], home: home)
        #expect(bad.status == 1)
        let lines = bad.stdout.split(separator: "\n")
        #expect(lines.count == 3, "\(bad.stdout)")
        #expect(lines.first?.hasPrefix("\(list):2:1: ") == true, "\(bad.stdout)")
        #expect(lines.contains { $0.hasPrefix("\(list):3:") })
        #expect(lines.contains { $0.hasPrefix("\(list):4:7: ") }, "\(bad.stdout)")

        try "# ok\nname=web-*\n".write(toFile: list, atomically: true, encoding: .utf8)
        let good = try await run(["check", "--allowlist", list], home: home)
        #expect(good.status == 0)
        #expect(good.stdout.contains("1 rule, valid"))
    }

    @Test("check --engine: a dry run naming what would be acted on, exit 3 when something violates")
    func checkEngine() async throws {
        let home = try temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let client = try TestEngine.client()
        let name = TestEngine.uniqueName("dry")
        defer { TestEngine.forceRemove([name]) }
        try await TestEngine.runContainer(client, name: name)
        let list = home + "/list"
        try "name=nothing-matches\n".write(toFile: list, atomically: true, encoding: .utf8)
        let result = try await run(
            ["check", "--allowlist", list, "--engine", "--docker-host", TestEngine.host!, "--mode", "enforce"],
            home: home)
        #expect(result.status == 3, "\(result.stderr)")
        #expect(result.stdout.contains("VIOLATING  \(name)"), "\(result.stdout)")
        #expect(result.stdout.contains("no rule matches"))
        // A dry run: nothing was done.
        #expect(try await TestEngine.docker("container", "inspect", "-f", "{{.State.Status}}", name) == "running")

        // Everything allowed: exit 0.
        try "name=*\n".write(toFile: list, atomically: true, encoding: .utf8)
        let allowed = try await run(
            ["check", "--allowlist", list, "--engine", "--docker-host", TestEngine.host!], home: home)
        #expect(allowed.status == 0, "\(allowed.stdout)\(allowed.stderr)")
        #expect(allowed.stdout.contains("allowed    \(name)"), "\(allowed.stdout)")
    }

    /// The eighth trial mounted the demo engine's own socket (not at /var/run/docker.sock) and was
    /// allowed: the guarded engine's socket, wherever it is, is as sensitive as the usual paths.
    @Test("check --engine: a mount of the guarded engine's own socket fails the profile, wherever it is")
    func engineSocketMountIsSensitive() async throws {
        let home = try temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let host = try #require(TestEngine.host)
        let socket = String(host.dropFirst("unix://".count))
        let name = TestEngine.uniqueName("sock")
        defer { TestEngine.forceRemove([name]) }
        _ = try await TestEngine.docker(
            "run", "-d", "--name", name, "--network", "none", "-v", socket + ":/var/run/docker.sock", TestEngine.image,
            "sleep", "3600")
        let list = home + "/list"
        try "name=\(name)\n".write(toFile: list, atomically: true, encoding: .utf8)
        let result = try await run(["check", "--allowlist", list, "--engine", "--docker-host", host], home: home)
        #expect(result.status == 3, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("mount of \(socket)"), "\(result.stdout)")
    }

    @Test("check --format json: one object for scripts, with the same exit status")
    func checkJSON() async throws {
        let home = try temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let client = try TestEngine.client()
        let name = TestEngine.uniqueName("json")
        defer { TestEngine.forceRemove([name]) }
        let id = try await TestEngine.runContainer(client, name: name)
        let list = home + "/list"
        try "name=nothing-matches\n".write(toFile: list, atomically: true, encoding: .utf8)
        let result = try await run(
            [
                "check", "--allowlist", list, "--engine", "--docker-host", TestEngine.host!, "--mode", "enforce",
                "--format", "json",
            ], home: home)
        #expect(result.status == 3, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let allowlist = try #require(json["allowlist"] as? [String: Any])
        #expect(allowlist["valid"] as? Bool == true)
        #expect(allowlist["rules"] as? Int == 1)
        let engine = try #require(json["engine"] as? [String: Any], "\(result.stdout)")
        #expect(engine["mode"] as? String == "enforce")
        #expect((engine["violating"] as? Int ?? 0) >= 1)
        let containers = try #require(engine["containers"] as? [[String: Any]])
        let mine = try #require(containers.first { $0["id"] as? String == id }, "\(result.stdout)")
        #expect(mine["name"] as? String == name)
        #expect(mine["verdict"] as? String == "violating")
        #expect(mine["rule"] is NSNull)

        // An invalid list: exit 1, its errors with line and column, and no engine part.
        try "nmae=x\n".write(toFile: list, atomically: true, encoding: .utf8)
        let bad = try await run(["check", "--allowlist", list, "--format", "json"], home: home)
        #expect(bad.status == 1)
        let badJSON = try #require(try JSONSerialization.jsonObject(with: Data(bad.stdout.utf8)) as? [String: Any])
        let badList = try #require(badJSON["allowlist"] as? [String: Any])
        #expect(badList["valid"] as? Bool == false)
        let errors = try #require(badList["errors"] as? [[String: Any]])
        #expect(errors.first?["line"] as? Int == 1 && errors.first?["column"] as? Int == 1, "\(bad.stdout)")
        #expect(badJSON["engine"] is NSNull)
    }

    @Test("snapshot --keep-running prints an allow-list that allows exactly what runs")
    func snapshot() async throws {
        let home = try temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let client = try TestEngine.client()
        let name = TestEngine.uniqueName("snap")
        defer { TestEngine.forceRemove([name]) }
        let id = try await TestEngine.runContainer(client, name: name)
        let result = try await run(["snapshot", "--keep-running", "--docker-host", TestEngine.host!], home: home)
        #expect(result.status == 0, "\(result.stderr)")
        let rule = result.stdout.split(separator: "\n").first { $0.contains(id) }
        #expect(rule?.hasPrefix("id=\(id) keep-running") == true, "\(result.stdout)")
        #expect(rule?.contains("name \(name)") == true)
        // The output is itself a valid allow-list.
        let list = home + "/snapshot"
        try result.stdout.write(toFile: list, atomically: true, encoding: .utf8)
        #expect(try await run(["check", "--allowlist", list], home: home).status == 0)
    }
}

/// Confirm mode runs with the enforcement suite, whose guards would otherwise act on its container.
extension EnforcementTests {
    @Test("confirm mode without an operator records violations like audit and says so")
    func confirmHeadless() async throws {
        let client = try TestEngine.client()
        let guardian = try await DockerGuardProcess(
            engineHost: TestEngine.host, allowList: "name=dgtest-*\n",
            extraArguments: ["--mode", "confirm", "--action", "kill"])
        #expect(await guardian.probe.waitUntilReady() != nil)
        let name = "dgvictim-confirm-\(UUID().uuidString.prefix(6).lowercased())"
        defer { TestEngine.forceRemove([name]) }
        let id = try await TestEngine.runContainer(client, name: name)
        #expect(await eventually { guardian.auditRecords.contains { $0["container_id"] as? String == id } } != nil)
        let record = guardian.auditRecords.first { $0["container_id"] as? String == id }
        #expect(record?["mode"] as? String == "confirm")
        #expect((record?["result"] as? String)?.hasPrefix("recorded") == true)
        #expect(try await TestEngine.docker("container", "inspect", "-f", "{{.State.Status}}", id) == "running")
        #expect(guardian.log.contains("confirm mode without an operator"))
        #expect(await guardian.terminate() == 0)
    }
}
