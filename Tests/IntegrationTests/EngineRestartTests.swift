import DockerEngine
import Foundation
import TestSupport
import Testing

/// The engine dies and comes back while `dockerguard run` runs. Uses an engine of its own, so the
/// other tests' engine is never disturbed.
@Suite(
    "dockerguard run across an engine restart",
    .enabled(if: TestEngine.isAvailable, "needs scripts/test's private engine"), .timeLimit(.minutes(3)))
struct EngineRestartTests {
    @Test(
        "/readyz goes 503 then 200, the last snapshot is served meanwhile, and one started during the outage is listed"
    )
    func engineRestart() async throws {
        let ownEngine = try await OwnEngine.start()
        defer { ownEngine.stop() }
        let (host, directory) = (ownEngine.host, ownEngine.directory)
        let client = try TestEngine.client(host: host)
        let before = try await TestEngine.runContainer(client, name: "before", restartPolicy: "always")
        // What the stop dialogs say of restart policies (issue 13's finding), checked against dockerd:
        // once killed, `always` comes back at daemon start and `unless-stopped` stays stopped.
        let always = try await TestEngine.runContainer(client, name: "always-killed", restartPolicy: "always")
        let unlessStopped = try await TestEngine.runContainer(
            client, name: "unless-stopped-killed", restartPolicy: "unless-stopped")
        try await client.killContainer(always)
        try await client.killContainer(unlessStopped)
        func state(_ id: String) async -> String? {
            try? await TestEngine.docker("container", "inspect", "-f", "{{.State.Status}}", id, host: host)
        }
        #expect(await eventually(timeout: .seconds(10)) { await state(always) == "exited" } != nil)
        #expect(await state(unlessStopped) == "exited")

        let guardian = try await DockerGuardProcess(engineHost: host)
        let api = guardian.probe
        #expect(await api.waitUntilReady() != nil, "\(guardian.log)")
        #expect(try await api.containers()[before] != nil)
        // A client following the watch stream across the restart (issue 16).
        let watcher = try WatchStream(port: WatchStream.port(of: api.baseURL))
        defer { watcher.close() }
        watcher.startReading()
        #expect(await watcher.waitForEvent { $0.name == "sync" } != nil)

        // The engine crashes.
        _ = try await TestEngine.dockerPrivate("kill", directory)
        let notReady = await api.waitForReadiness(503, timeout: .seconds(5))
        #expect(notReady != nil, "readyz stayed 200 with the engine gone; log:\n\(guardian.log)")
        let stale = try await api.get("/containers")
        #expect(stale.status == 200, "the last snapshot is still served")
        let engine = try stale.json()["engine"] as? [String: Any]
        #expect(engine?["connected"] as? Bool == false)
        #expect(engine?["error"] is String)
        #expect((try stale.json()["data"] as? [Any])?.isEmpty == false)

        // It comes back, and a container starts before the guard has necessarily reconnected.
        _ = try await TestEngine.dockerPrivate("start", directory)
        let during = try await TestEngine.runContainer(client, name: "during")
        let ready = await api.waitUntilReady(timeout: .seconds(20))
        #expect(ready != nil, "readyz did not come back; log:\n\(guardian.log)")
        let listed = await eventually(timeout: .seconds(2)) {
            guard let items = try? await api.containers() else { return false }
            return items[during] != nil && items[before] != nil
        }
        let after = (try? await api.containers().keys.sorted()) ?? []
        #expect(listed != nil, "after the restart the API lists \(after)")
        let seen = await watcher.waitForEvent { event in
            (try? event.json()["changed"] as? [[String: Any]])?.contains { $0["container_id"] as? String == during }
                == true
        }
        #expect(
            seen != nil, "the watcher saw \(watcher.events.map(\.name)) but not \(during); closed: \(watcher.isClosed)")
        let disconnected = watcher.events.contains { event in
            ((try? event.json()["engine"] as? [String: Any])?["connected"] as? Bool) == false
        }
        #expect(disconnected, "the stream told of the lost engine")
        #expect(await state(always) == "running", "a killed 'always' container did not come back at daemon start")
        #expect(await state(unlessStopped) == "exited")
        #expect(guardian.isRunning)
        #expect(await guardian.terminate() == 0)
    }
}

extension EngineRestartTests {
    @Test(
        "enforcing across an engine restart: a disallowed container started around the outage is acted on after resync")
    func enforcementAcrossRestart() async throws {
        let ownEngine = try await OwnEngine.start()
        defer { ownEngine.stop() }
        let (host, directory) = (ownEngine.host, ownEngine.directory)
        let client = try TestEngine.client(host: host)
        let guardian = try await DockerGuardProcess(
            engineHost: host, allowList: "name=allowed\n", extraArguments: ["--mode", "enforce", "--action", "kill"])
        #expect(await guardian.probe.waitUntilReady() != nil)

        _ = try await TestEngine.dockerPrivate("kill", directory)
        #expect(await guardian.probe.waitForReadiness(503, timeout: .seconds(5)) != nil)
        _ = try await TestEngine.dockerPrivate("start", directory)
        let allowed = try await TestEngine.runContainer(client, name: "allowed")
        let victim = try await TestEngine.runContainer(client, name: "victim")

        let killed = await eventually(timeout: .seconds(20)) {
            (try? await TestEngine.docker("container", "inspect", "-f", "{{.State.Status}}", victim, host: host))
                == "exited"
        }
        #expect(killed != nil, "victim survived; log:\n\(guardian.log)")
        #expect(
            try await TestEngine.docker("container", "inspect", "-f", "{{.State.Status}}", allowed, host: host)
                == "running")
        #expect(await guardian.terminate() == 0)
    }
}

extension EngineRestartTests {
    @Test("events resume with since: a container started and removed while the guard was away shows in its events")
    func resumedWithSince() async throws {
        let ownEngine = try await OwnEngine.start()
        defer { ownEngine.stop() }
        let (host, directory) = (ownEngine.host, ownEngine.directory)
        let client = try TestEngine.client(host: host)
        let guardian = try await DockerGuardProcess(engineHost: host, extraArguments: ["--log-level", "debug"])
        #expect(await guardian.probe.waitUntilReady() != nil, "\(guardian.log)")

        // The engine goes away; once the guard has noticed, it is frozen so that it cannot reconnect
        // until the container below has come and gone.
        _ = try await TestEngine.dockerPrivate("kill", directory)
        #expect(await guardian.probe.waitForReadiness(503, timeout: .seconds(5)) != nil)
        kill(guardian.pid, SIGSTOP)
        var frozen = true
        defer { if frozen { kill(guardian.pid, SIGCONT) } }
        _ = try await TestEngine.dockerPrivate("start", directory)
        let transient = try await TestEngine.runContainer(client, name: "transient")
        _ = try await TestEngine.docker("rm", "-f", transient, host: host)
        kill(guardian.pid, SIGCONT)
        frozen = false

        #expect(await guardian.probe.waitUntilReady(timeout: .seconds(20)) != nil, "\(guardian.log)")
        // The resync cannot show it (it is gone); only the events replayed from `since` can.
        #expect(try await guardian.probe.containers("?all=true")[transient] == nil)
        func seen(_ action: String) -> Bool {
            guardian.log.split(separator: "\n").contains {
                $0.contains("engine event") && $0.contains("action=\(action)")
                    && $0.contains("container=\(transient.prefix(12))")
            }
        }
        let replayed = await eventually(timeout: .seconds(10)) { seen("create") && seen("start") && seen("destroy") }
        #expect(replayed != nil, "the outage's events were not replayed; log:\n\(guardian.log)")
        #expect(await guardian.terminate() == 0)
    }
}
