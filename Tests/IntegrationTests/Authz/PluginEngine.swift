import Foundation
import TestSupport

/// A private engine of its own started with `--authorization-plugin=NAME`, NAME unique to this run
/// (`dgtest-authz-…`), so the host-wide `/run/docker/plugins/` never collides. The plugin must
/// answer before the engine starts, so the guard comes first. `stop()` removes everything on every
/// exit path, the plugin socket included.
final class PluginEngine: @unchecked Sendable {
    // @unchecked: used by the test that owns it; `docker` reads only constants, from any thread.
    let name = TestEngine.uniqueName("authz")
    let directory = "/tmp/dg-az-\(UUID().uuidString.prefix(6).lowercased())"
    let host: String
    var guardian: DockerGuardProcess?
    private var engineStarted = false

    var socketPath: String { "/run/docker/plugins/\(name).sock" }

    @available(*, noasync, message: "runs scripts/docker-private: use PluginEngine.make()")
    init() throws {
        host = try TestEngine.dockerPrivate("host", directory)
    }

    static func make() async throws -> PluginEngine {
        try await offPool { try PluginEngine() }
    }

    /// Starts `dockerguard run --authz` on this engine's future address and waits for its socket.
    @discardableResult
    func startGuard(mode: String, allowList: String, extra: [String] = []) async throws -> DockerGuardProcess {
        let guardian = try await DockerGuardProcess(
            engineHost: host, allowList: allowList,
            extraArguments: ["--mode", mode, "--authz", "--authz-name", name] + extra)
        self.guardian = guardian
        let listening = await eventually(timeout: .seconds(10)) {
            guardian.log.contains("authz plugin listening on \(socketPath)")
        }
        guard listening != nil else { throw TestFailure("the plugin socket did not come up; log:\n\(guardian.log)") }
        return guardian
    }

    /// Starts the engine with the plugin (or without, for the post-start net alone), then builds
    /// the test image on it.
    @available(*, noasync, message: "an engine's start takes seconds: use the async overload")
    func startEngine(withPlugin: Bool = true) throws {
        let script =
            (TestEngine.environment["DOCKERGUARD_TEST_SCRIPTS"] ?? RepositoryPaths.root + "/scripts")
            + "/docker-private"
        engineStarted = true
        let started = try Subprocess.run(
            "/usr/bin/env", (withPlugin ? ["DOCKER_PRIVATE_AUTHZ=\(name)"] : []) + [script, "start", directory])
        guard started.status == 0 else {
            throw TestFailure("the engine with the plugin did not start: \(started.stderr)")
        }
        _ = try TestEngine.dockerPrivate("image", directory)
    }

    /// The `docker` CLI on this engine; the result whatever the exit status.
    @available(*, noasync, message: "runs docker: use the async overload")
    func docker(_ arguments: String...) throws -> Subprocess.Result {
        try docker(arguments)
    }

    @available(*, noasync, message: "runs docker: use the async overload")
    func docker(_ arguments: [String]) throws -> Subprocess.Result {
        // A hung engine call fails the test (exit 124) instead of hanging the suite.
        try Subprocess.run("/usr/bin/timeout", ["60", "docker", "-H", host] + arguments)
    }

    /// The engine's event actions for one container since `since` (Unix seconds), up to now.
    @available(*, noasync, message: "runs docker: use the async overload")
    func eventActions(container: String, since: Int) throws -> [String] {
        let now = Int(Date().timeIntervalSince1970) + 1
        let result = try docker(
            "events", "--since", String(since), "--until", String(now), "--filter", "container=\(container)",
            "--format", "{{.Action}}")
        return result.stdout.split(separator: "\n").map(String.init)
    }

    /// Writes a new allow-list and waits until the guard has it in force: `rule` shows in
    /// `GET /allowlist` and `removed` (a rule of the old list) no longer does.
    func replaceAllowList(_ text: String, expecting rule: String, removed: String? = nil) async throws {
        guard let guardian else { throw TestFailure("no guard") }
        try text.write(toFile: guardian.allowListPath, atomically: true, encoding: .utf8)
        let applied = await eventually(timeout: .seconds(10)) {
            let answer = try? await guardian.probe.get("/allowlist")
            guard let body = answer.map({ String(decoding: $0.body, as: UTF8.self) }) else { return false }
            return body.contains(rule) && !(removed.map(body.contains) ?? false)
        }
        guard applied != nil else { throw TestFailure("the guard did not load the new allow-list") }
    }

    /// Stops the engine (while the plugin still answers: its own calls pass through it), then the
    /// guard; removes the socket a killed guard left behind, and the engine's folder.
    /// In the background (``BackgroundCleanup``), so that it can run from a `defer` in async code.
    func stop() {
        BackgroundCleanup.run { self.stopAndWait() }
    }

    @available(*, noasync, message: "stops an engine: use stop()")
    func stopAndWait() {
        if engineStarted { _ = try? TestEngine.dockerPrivate("stop", directory) }
        guardian?.terminate()
        unlink(socketPath)
        try? FileManager.default.removeItem(atPath: directory)
    }
}

extension PluginEngine {
    /// The same calls from async code, off the cooperative pool (see ``offPool(_:)``).
    func docker(_ arguments: String...) async throws -> Subprocess.Result {
        try await docker(arguments)
    }

    func docker(_ arguments: [String]) async throws -> Subprocess.Result {
        try await offPool { try self.docker(arguments) }
    }

    func eventActions(container: String, since: Int) async throws -> [String] {
        try await offPool { try self.eventActions(container: container, since: since) }
    }
}

extension PluginEngine {
    /// ``startEngine(withPlugin:)`` from async code: an engine's start takes seconds.
    func startEngine(withPlugin: Bool = true) async throws {
        try await offPool { try self.startEngine(withPlugin: withPlugin) }
    }
}
