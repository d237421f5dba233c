import DockerEngine
import Foundation

/// The private Docker engine that `scripts/test` starts. Tests that need an engine are enabled only
/// when it is there, and they never touch any other engine: the address comes from
/// `DOCKERGUARD_TEST_DOCKER_HOST`, never from `DOCKER_HOST`.
public enum TestEngine {
    public static let environment = ProcessInfo.processInfo.environment

    /// `unix:///…/docker.sock` of the private engine, when the test script started one.
    public static var host: String? { environment["DOCKERGUARD_TEST_DOCKER_HOST"] }

    public static var isAvailable: Bool { host != nil }

    /// The directory `scripts/docker-private` manages, for tests that stop and restart the engine.
    public static var daemonDirectory: String? { environment["DOCKERGUARD_TEST_DOCKERD_DIR"] }

    /// The test image built by `scripts/docker-private image`.
    public static let image = "busybox:local"

    public static func client(host: String? = TestEngine.host) throws -> DockerClient {
        guard let host else { throw TestFailure("no private engine: run the tests through scripts/test") }
        return DockerClient(endpoint: try EngineEndpoint(dockerHost: host))
    }

    /// A name no other test (or earlier run) uses: `dgtest-<tag>-<random>`.
    public static func uniqueName(_ tag: String) -> String {
        "dgtest-\(tag)-\(UUID().uuidString.prefix(8).lowercased())"
    }

    /// Creates and starts a container running `sleep`, returning its ID.
    @discardableResult
    public static func runContainer(
        _ client: DockerClient, name: String, labels: [String: String] = [:], restartPolicy: String? = nil
    ) async throws -> String {
        let spec = ContainerSpec(
            // `sleep` as PID 1 ignores SIGTERM: a short stop timeout keeps stops and engine restarts fast.
            image: image, cmd: ["sleep", "3600"], labels: labels, stopTimeout: 1,
            hostConfig: .init(restartPolicy: restartPolicy.map { .init(name: $0) }, networkMode: "none"))
        let id = try await client.createContainer(spec, name: name)
        try await client.startContainer(id)
        return id
    }

    /// Removes the containers named (or IDs), ignoring those already gone, in the background (see
    /// ``BackgroundCleanup``): it returns at once, so that it can run from a `defer` in async code and
    /// cleans up whether the test passed or failed.
    public static func forceRemove(_ names: [String], host: String? = TestEngine.host) {
        guard let host, !names.isEmpty else { return }
        BackgroundCleanup.run { _ = try? Subprocess.run("/usr/bin/env", ["docker", "-H", host, "rm", "-f"] + names) }
    }

    /// Runs the `docker` CLI against the private engine: the independent witness of what the engine
    /// reports, so tests do not check our client with our client.
    @available(*, noasync, message: "blocks a cooperative thread: use the async overload")
    public static func docker(_ arguments: String..., host: String? = TestEngine.host) throws -> String {
        try docker(arguments, host: host)
    }

    @available(*, noasync, message: "blocks a cooperative thread: use the async overload")
    public static func docker(_ arguments: [String], host: String? = TestEngine.host) throws -> String {
        guard let host else { throw TestFailure("no private engine") }
        // A hung engine call fails the test that made it (exit 124) instead of hanging the suite.
        let result = try Subprocess.run("/usr/bin/timeout", ["60", "docker", "-H", host] + arguments)
        guard result.status == 0 else {
            throw TestFailure("docker \(arguments.joined(separator: " ")) (exit \(result.status)): \(result.stderr)")
        }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `scripts/docker-private` with `arguments`, for tests that restart an engine.
    @available(*, noasync, message: "blocks a cooperative thread: use the async overload")
    public static func dockerPrivate(_ arguments: String...) throws -> String {
        try dockerPrivate(arguments)
    }

    /// - Parameter settings: `NAME=VALUE` for the script's environment (`DOCKER_PRIVATE_TLS=…`).
    @available(*, noasync, message: "blocks a cooperative thread: use the async overload")
    public static func dockerPrivate(_ arguments: [String], settings: [String] = []) throws -> String {
        try script("docker-private", arguments, settings: settings)
    }

    /// One of the project's scripts/ with `arguments`; what it printed on standard output.
    @available(*, noasync, message: "blocks a cooperative thread: run it with offPool")
    public static func script(_ name: String, _ arguments: [String], settings: [String] = []) throws -> String {
        let path = (environment["DOCKERGUARD_TEST_SCRIPTS"] ?? RepositoryPaths.root + "/scripts") + "/" + name
        let result = try Subprocess.run("/usr/bin/env", settings + [path] + arguments)
        guard result.status == 0 else {
            throw TestFailure("\(name) \(arguments.joined(separator: " ")): \(result.stderr)")
        }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

public struct TestFailure: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

public enum RepositoryPaths {
    /// The package root, found from this file's location.
    public static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()
}

/// A private engine of a test's own (with the test image), for tests that crash the engine or let a
/// guard act on everything. Start it with `start()`; stop it with `stop()`, typically in a `defer`.
public struct OwnEngine: Sendable {
    public let host: String
    public let directory: String

    /// - Parameter settings: for `scripts/docker-private start`, e.g. `DOCKER_PRIVATE_TLS=127.0.0.1:PORT`.
    @available(*, noasync, message: "an engine's start takes seconds: use OwnEngine.start()")
    public init(settings: [String] = []) throws {
        directory = "/tmp/dg-own-\(UUID().uuidString.prefix(6))"
        host = try TestEngine.dockerPrivate(["start", directory], settings: settings)
        _ = try TestEngine.dockerPrivate("image", directory)
    }

    /// Starts an engine of its own, off the cooperative pool: an engine's start takes seconds.
    public static func start(settings: [String] = []) async throws -> OwnEngine {
        try await offPool { try OwnEngine(settings: settings) }
    }

    /// Stops the engine and removes its folder, in the background (``BackgroundCleanup``): it returns
    /// at once, so that it can run from a `defer` in async code.
    public func stop() {
        let directory = directory
        BackgroundCleanup.run {
            _ = try? TestEngine.dockerPrivate("stop", directory)
            try? FileManager.default.removeItem(atPath: directory)
        }
    }
}
