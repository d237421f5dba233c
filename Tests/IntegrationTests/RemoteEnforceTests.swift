import DockerEngine
import Foundation
import TestSupport
import Testing

/// Enforcement over TLS and over ssh, each on an engine of its own (an OwnRemoteEngine: its own
/// TLS listener and sshd), so that a guard acting on every container stops nothing of another suite.
@Suite(
    "Remote endpoints: enforcing over TLS and ssh",
    .enabled(if: TestEngine.isAvailable && RemoteEndpoints.hasTLS, "needs scripts/test's certificates and sshd"),
    .timeLimit(.minutes(4)))
struct RemoteEnforceTests {
    enum Transport: String, CustomTestStringConvertible, CaseIterable {
        case tls, ssh
        var testDescription: String { rawValue }
    }

    /// A guard over `transport` to `remote`, enforcing `name=allowed` with kill.
    func enforcingGuard(_ remote: OwnRemoteEngine, over transport: Transport) async throws -> DockerGuardProcess {
        let link: [String] =
            transport == .tls
            ? ["--docker-host", remote.tlsHost] + RemoteEndpoints.tlsArguments() : ["--docker-host", remote.sshHost]
        return try await DockerGuardProcess(
            engineHost: remote.engine.host, allowList: "name=allowed\n",
            extraArguments: ["--mode", "enforce", "--action", "kill"] + link,
            environment: transport == .ssh ? remote.sshEnvironment : [:])
    }

    func state(_ id: String, _ remote: OwnRemoteEngine) async -> String? {
        try? await TestEngine.docker("container", "inspect", "-f", "{{.State.Status}}", id, host: remote.engine.host)
    }

    @Test("a disallowed container is killed over the link; an allowed one keeps running", arguments: Transport.allCases)
    func enforceOverLink(transport: Transport) async throws {
        let remote = try await OwnRemoteEngine.start()
        defer { remote.stop() }
        let client = try TestEngine.client(host: remote.engine.host)
        let guardian = try await enforcingGuard(remote, over: transport)
        defer { guardian.terminateInBackground() }
        #expect(await guardian.probe.waitUntilReady(timeout: .seconds(30)) != nil, "\(guardian.log)")
        #expect(guardian.log.contains(transport == .tls ? remote.tlsHost : remote.sshHost), "\(guardian.log)")

        let allowed = try await TestEngine.runContainer(client, name: "allowed")
        let victim = try await TestEngine.runContainer(client, name: "victim")
        let killed = await eventually(timeout: .seconds(30)) { await state(victim, remote) == "exited" }
        #expect(killed != nil, "the victim survived over \(transport); log:\n\(guardian.log)")
        let record = await guardian.audit(within: .seconds(20)) { $0["container_id"] as? String == victim }
        #expect(record != nil, "no audit line for the victim")
        #expect(await state(allowed, remote) == "running")
        #expect(await guardian.terminate() == 0)
    }

    @Test("ssh: the engine restarts behind the link; the list recovers and a new disallowed container is killed")
    func engineRestartBehindSSH() async throws {
        let remote = try await OwnRemoteEngine.start()
        defer { remote.stop() }
        let client = try TestEngine.client(host: remote.engine.host)
        let before = try await TestEngine.runContainer(client, name: "allowed", restartPolicy: "always")
        let guardian = try await enforcingGuard(remote, over: .ssh)
        defer { guardian.terminateInBackground() }
        let api = guardian.probe
        #expect(await api.waitUntilReady(timeout: .seconds(30)) != nil, "\(guardian.log)")
        #expect(try await api.containers()[before] != nil)

        _ = try await TestEngine.dockerPrivate("kill", remote.engine.directory)
        #expect(
            await api.waitForReadiness(503, timeout: .seconds(30)) != nil,
            "readyz stayed 200 with the engine gone; log:\n\(guardian.log)")
        _ = try await TestEngine.dockerPrivate("start", remote.engine.directory)
        let victim = try await TestEngine.runContainer(client, name: "victim")

        #expect(
            await api.waitUntilReady(timeout: .seconds(60)) != nil, "readyz did not come back; log:\n\(guardian.log)")
        let killed = await eventually(timeout: .seconds(30)) { await state(victim, remote) == "exited" }
        #expect(killed != nil, "the victim survived the restart; log:\n\(guardian.log)")
        let listed = await eventually(timeout: .seconds(30)) {
            let items = (try? await api.containers()) ?? [:]
            return items[before] != nil && items[victim] == nil
        }
        let after = (try? await api.containers().keys.sorted()) ?? []
        #expect(listed != nil, "after the restart the list is \(after)")
        #expect(guardian.isRunning)
        #expect(await guardian.terminate() == 0)
    }
}
