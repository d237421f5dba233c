import DockerEngine
import Foundation
import TestSupport
import Testing

/// dockerguard running as a container on an engine of its own, with the engine's socket mounted,
/// an empty allow-list and enforce mode: it must act on everything but itself, in every network
/// mode. The engine runs with `--bridge=none`, so the default bridge network does not exist there:
/// `--network none` stands in for the default (its own network namespace, its own /etc files).
@Suite(
    "dockerguard inside a container", .enabled(if: TestEngine.isAvailable, "needs scripts/test's private engine"),
    .timeLimit(.minutes(5)))
struct InContainerTests {
    /// How the guard's container is run; `acts on` names the container it must act on.
    struct Mode: CustomStringConvertible {
        var description: String
        var arguments: [String]
        /// Whether the test reaches the API (only with the host's network).
        var apiReachable = false
    }

    static let modes = [
        // Compose's `network_mode: service:x`: /etc/hosts and friends come from netx's folder.
        Mode(description: "--network container:netx", arguments: ["--network", "container:netx"]),
        Mode(description: "--network host", arguments: ["--network", "host"], apiReachable: true),
        Mode(description: "--hostname other", arguments: ["--network", "none", "--hostname", "other"]),
        Mode(description: "--network none (the default here)", arguments: ["--network", "none"]),
    ]

    /// One engine and one image build for all the modes.
    @Test("with an empty allow-list in enforce mode it acts on everything else and never on itself")
    func neverActsOnItself() async throws {
        let ownEngine = try await OwnEngine.start()
        defer { ownEngine.stop() }
        let host = ownEngine.host
        let image = try await Subprocess.run(
            "/usr/bin/env",
            [
                "DOCKER_HOST=\(host)", "DOCKERGUARD_BIN=\(DockerGuardProcess.binaryPath)",
                (TestEngine.environment["DOCKERGUARD_TEST_SCRIPTS"] ?? RepositoryPaths.root + "/scripts") + "/image",
                "--debug", "dockerguard:test",
            ])
        try #require(image.status == 0, "\(image.stderr)")
        let client = try TestEngine.client(host: host)
        for mode in Self.modes {
            try await check(mode, host: host, client: client)
        }
    }

    func check(_ mode: Mode, host: String, client: DockerClient) async throws {
        func state(_ id: String) async -> String? {
            try? await TestEngine.docker("container", "inspect", "-f", "{{.State.Status}}", id, host: host)
        }
        // The modes reuse the names: the last mode's containers go first, and before this one starts
        // (a cleanup in the background could remove this mode's netx). The engine goes at the end.
        _ = try? await TestEngine.docker(["rm", "-f", "dockerguard", "netx", "victim"], host: host)
        // Started before the guard: the container whose network namespace the first mode shares.
        let netx = try await TestEngine.runContainer(client, name: "netx")
        let socket = String(host.dropFirst("unix://".count))
        let port = Int.random(in: 20_000..<40_000)
        let guardID = try await TestEngine.docker(
            ["run", "-d", "--name", "dockerguard"] + mode.arguments + [
                "-v", "\(socket):/var/run/docker.sock", "-e", "DOCKERGUARD_MODE=enforce",
                "-e", "DOCKERGUARD_ACTION=kill", "-e", "DOCKERGUARD_LISTEN=127.0.0.1:\(port)", "dockerguard:test",
            ], host: host)

        // The fact that replaces waiting: it has settled which container it is, by its root's upper dir.
        let identified = await eventually(timeout: .seconds(15)) {
            await Self.logs(host).contains("own container: self=")
        }
        let logs = await Self.logs(host)
        try #require(identified != nil, "\(mode): no identity line; log:\n\(logs)")
        #expect(
            logs.contains("self=\(guardID.prefix(12)) (root upperdir matches"),
            "\(mode): took another container; log:\n\(logs)")

        // It acts on netx (the first judgement, at the first sync) and on a container started later.
        let victim = try await TestEngine.runContainer(client, name: "victim")
        let acted = await eventually(timeout: .seconds(10)) {
            let netxState = await state(netx)
            return netxState == "exited" ? await state(victim) == "exited" : false
        }
        let states = "netx \(await state(netx) ?? "?"), victim \(await state(victim) ?? "?")"
        let guardLog = await Self.logs(host)
        #expect(acted != nil, "\(mode): \(states); log:\n\(guardLog)")
        // Both kills came after it judged itself at the first sync: had it acted on itself it would be gone.
        #expect(await state(guardID) == "running", "\(mode): the guard acted on itself; log:\n\(guardLog)")
        if mode.apiReachable {
            let listed = try await HTTPProbe(baseURL: "http://127.0.0.1:\(port)").containers("?all=true")
            #expect(listed[guardID]?["container_name"] as? String == "/dockerguard")
            #expect(listed[guardID]?["status"] as? String == "running")
        }
    }

    /// The guard container's log (it logs to standard error, which `docker logs` replays there).
    static func logs(_ host: String) async -> String {
        (try? await Subprocess.run("/usr/bin/env", ["docker", "-H", host, "logs", "dockerguard"]).stderr) ?? ""
    }
}
