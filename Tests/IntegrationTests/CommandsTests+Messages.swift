import Foundation
import TestSupport
import Testing

/// What the command line says when something is wrong: one line in words, the source of a bad
/// value, and the usage of the command that was run.
extension CommandsTests {
    func run(_ arguments: [String], home: String, environment: [String]) async throws -> Subprocess.Result {
        try await Subprocess.run(
            "/usr/bin/env",
            [
                "-u", "DOCKER_HOST", "XDG_CONFIG_HOME=\(home)/config", "XDG_STATE_HOME=\(home)/state", "HOME=\(home)",
                "COLUMNS=80",
            ] + environment + [DockerGuardProcess.binaryPath] + arguments)
    }

    @Test(
        "a bad engine URL names where it came from and shows the usage of the command run",
        arguments: [
            (
                ["snapshot", "--docker-host", "npipe://foo"], [],
                "--docker-host: invalid Docker engine URL 'npipe://foo'",
                "snapshot"
            ),
            (
                ["check", "--engine"], ["DOCKER_HOST=npipe://foo"],
                "DOCKER_HOST: invalid Docker engine URL 'npipe://foo'",
                "check"
            ),
            (["snapshot"], ["DOCKER_HOST=tcp://host:99999"], "DOCKER_HOST: invalid Docker engine URL", "snapshot"),
            (["endpoint", "--context", "nope"], [], "--context: docker context 'nope': no such context", "endpoint"),
            (
                ["endpoint"], ["DOCKER_CONTEXT=nope"], "DOCKER_CONTEXT: docker context 'nope': no such context",
                "endpoint"
            ),
        ] as [([String], [String], String, String)])
    func badEngineURL(arguments: [String], environment: [String], message: String, command: String) async throws {
        let home = try temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        // A valid list, so that `check --engine` goes on to the engine.
        try "name=x\n".write(toFile: home + "/config/dockerguard/allowlist", atomically: true, encoding: .utf8)
        let result = try await run(arguments, home: home, environment: environment)
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("Error: \(message)"), "\(result.stderr)")
        #expect(result.stderr.contains("Usage: dockerguard \(command) "), "\(result.stderr)")
        #expect(result.stderr.contains("See 'dockerguard \(command) --help'"), "\(result.stderr)")
        #expect(!result.stderr.contains("<subcommand>"), "the top-level usage: \(result.stderr)")
    }

    @Test(
        "a bad value says what is wrong with it, not 'Missing value'",
        arguments: [
            (["run", "--stop-timeout", "-3"], "--stop-timeout: '-3' is not a whole number of seconds, 0 or more"),
            (
                ["run", "--resync-interval", "-1"],
                "--resync-interval: '-1' is not a whole number of seconds, 1 or more"
            ),
            (["run", "--listen", ":99999"], "--listen: ':99999': port 99999 is out of range (0 to 65535)"),
            (["run", "--authz-budget", "-5"], "--authz-budget: -5 ms is not between 1 and 60000"),
        ])
    func badValue(arguments: [String], message: String) async throws {
        let home = try temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let result = try await run(arguments, home: home, environment: [])
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("Error: \(message)\n"), "\(result.stderr)")
        #expect(!result.stderr.contains("Missing value"))
        #expect(result.stderr.contains("Usage: dockerguard run "), "\(result.stderr)")
    }

    @Test(
        "an engine that cannot be reached is one line in words, from every command",
        arguments: [["snapshot"], ["check", "--engine"]])
    func unreachableEngine(arguments: [String]) async throws {
        let home = try temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        try "name=x\n".write(toFile: home + "/config/dockerguard/allowlist", atomically: true, encoding: .utf8)
        // Port 1 on loopback: nothing listens, nothing leaves the machine.
        let result = try await run(arguments + ["--docker-host", "tcp://127.0.0.1:1"], home: home, environment: [])
        #expect(result.status == 1)
        #expect(result.stderr == "error: cannot connect to tcp://127.0.0.1:1: connection refused\n", "\(result.stderr)")
    }

    @Test("authz status says the engine cannot be reached in words")
    func authzStatusUnreachable() async throws {
        let home = try temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let result = try await run(
            ["authz", "status", "--docker-host", "tcp://127.0.0.1:1", "--authz-socket", home + "/none.sock"],
            home: home,
            environment: [])
        #expect(result.status == 1)
        #expect(
            result.stdout.contains("engine: cannot connect to tcp://127.0.0.1:1: connection refused"),
            "\(result.stdout)")
        #expect(!result.stdout.contains("SingleConnectionFailure"))
    }
}
