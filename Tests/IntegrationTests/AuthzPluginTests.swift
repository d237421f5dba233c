import Foundation
import TestSupport
import Testing

/// dockerguard as the engine's authorization plugin, on a private engine started with
/// `--authorization-plugin=NAME` after the plugin (as the engine demands).
@Suite(
    "Authorization plugin against the real engine",
    .enabled(if: TestEngine.isAvailable, "needs scripts/test's engine tools"),
    .serialized)
struct AuthzPluginTests {
    static func tag() -> String { String(UUID().uuidString.prefix(6).lowercased()) }

    @Test("enforce: a disallowed run fails with the message and never starts; allowed runs; start and rename refused")
    func enforce() async throws {
        let engine = try await PluginEngine.make()
        defer { engine.stop() }
        let tag = Self.tag()
        let (good, bad, snap) = ("dgok-\(tag)", "dgbad-\(tag)", "dgsnap-\(tag)")
        let guardian = try await engine.startGuard(mode: "enforce", allowList: "name=dgok-*\nname=dgsnap-*\n")
        try await engine.startEngine()
        let since = Int(Date().timeIntervalSince1970) - 1

        let refused = try await engine.docker("run", "-d", "--network", "none", "--name", bad, "busybox:local")
        #expect(refused.status != 0)
        let message =
            "dockerguard: no rule allows name=\(bad) image=busybox:local "
            + "(add 'name=\(bad)' to \(guardian.allowListPath))"
        #expect(refused.stderr.contains(message), "stderr: \(refused.stderr)")
        await #expect(
            try engine.docker("container", "inspect", bad).status != 0, "the refused create made no container")
        await #expect(try engine.eventActions(container: bad, since: since).isEmpty)

        let allowed = try await engine.docker("run", "-d", "--network", "none", "--name", good, "busybox:local")
        #expect(allowed.status == 0, "stderr: \(allowed.stderr)")
        await #expect(
            try engine.docker("container", "inspect", "-f", "{{.State.Status}}", good).stdout.contains("running"))

        // Created while allowed, then the rule goes: its start is refused (judged as the store knows it).
        await #expect(try engine.docker("create", "--network", "none", "--name", snap, "busybox:local").status == 0)
        try await engine.replaceAllowList("name=dgok-*\n", expecting: "name=dgok-*", removed: "name=dgsnap-*")
        let start = try await engine.docker("start", snap)
        #expect(start.status != 0)
        #expect(start.stderr.contains("dockerguard: no rule allows name=\(snap)"), "stderr: \(start.stderr)")
        await #expect(
            try engine.docker("container", "inspect", "-f", "{{.State.Status}}", snap).stdout.contains("created"))
        let snapEvents = try await engine.eventActions(container: snap, since: since)
        #expect(snapEvents.contains("create") && !snapEvents.contains("start"), "events: \(snapEvents)")

        // A rename that would make a running container violating.
        let rename = try await engine.docker("rename", good, bad)
        #expect(rename.status != 0)
        #expect(rename.stderr.contains("no rule allows name=\(bad)"), "stderr: \(rename.stderr)")
        await #expect(try engine.docker("container", "inspect", good).status == 0)

        let records = await auditRecords(guardian, atLeast: 3) { $0["action"] as? String == "deny" }
        let events = Set(records.compactMap { $0["event"] as? String })
        #expect(events == ["authz-create", "authz-start", "authz-rename"], "\(records)")
        let metrics = try await guardian.probe.get("/metrics")
        #expect(
            String(decoding: metrics.body, as: UTF8.self).contains(
                #"dockerguard_authz_requests_total{endpoint="create",verdict="denied"}"#))
    }

    @Test("the engine restarted under a running plugin comes back with it; the guard resyncs and keeps judging")
    func engineRestartedUnderThePlugin() async throws {
        let engine = try await PluginEngine.make()
        defer { engine.stop() }
        let tag = Self.tag()
        let guardian = try await engine.startGuard(mode: "enforce", allowList: "name=dgok-*\n")
        try await engine.startEngine()
        let before = "dgok-\(tag)-a"
        await #expect(
            try engine.docker("run", "-d", "--network", "none", "--name", before, "busybox:local").status == 0)

        // Stopped and started again while the plugin runs on: the engine validates it at start.
        _ = try await TestEngine.dockerPrivate("stop", engine.directory)
        try await engine.startEngine()
        // The guard has reconnected once it reports the container the restart stopped as exited.
        let resynced = await eventually(timeout: .seconds(30)) {
            let answer = try? await guardian.probe.get("/containers?all=1")
            let body = answer.map { String(decoding: $0.body, as: UTF8.self) } ?? ""
            return body.contains(before) && body.contains("exited")
        }
        #expect(resynced != nil, "the guard did not resync after the engine restart; log:\n\(guardian.log)")

        let refused = try await engine.docker(
            "run", "-d", "--network", "none", "--name", "dgbad-\(tag)", "busybox:local")
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("dockerguard: no rule allows name=dgbad-\(tag)"), "stderr: \(refused.stderr)")
        let after = try await engine.docker(
            "run", "-d", "--network", "none", "--name", "dgok-\(tag)-b", "busybox:local")
        #expect(after.status == 0, "stderr: \(after.stderr)")
        let again = try await engine.docker("start", before)
        #expect(again.status == 0, "stderr: \(again.stderr)")
        #expect(guardian.isRunning, "the plugin process ended; log:\n\(guardian.log)")
    }

    @Test("audit: a disallowed run succeeds and is recorded as what would have been denied")
    func audit() async throws {
        let engine = try await PluginEngine.make()
        defer { engine.stop() }
        let bad = "dgbad-\(Self.tag())"
        let guardian = try await engine.startGuard(mode: "audit", allowList: "name=dgok-*\n")
        try await engine.startEngine()
        let run = try await engine.docker("run", "-d", "--network", "none", "--name", bad, "busybox:local")
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let records = await auditRecords(guardian, atLeast: 1) {
            $0["event"] as? String == "authz-create" && $0["container_name"] as? String == "/\(bad)"
        }
        #expect(records.first?["result"] as? String == "recorded (would deny)")
        #expect(records.first?["mode"] as? String == "audit")

        // `dockerguard authz status`: configured and answering; another name is neither.
        let status = try await Subprocess.run(
            DockerGuardProcess.binaryPath,
            ["authz", "status", "--docker-host", engine.host, "--authz-name", engine.name])
        #expect(status.status == 0, "\(status.stdout)\(status.stderr)")
        #expect(status.stdout.contains("\(engine.socketPath): answers (implements authz"), "\(status.stdout)")
        #expect(status.stdout.contains("calls \(engine.name) (a /_ping of ours reached it)"), "\(status.stdout)")
        #expect(status.stdout.contains("authorization plugins: \(engine.name)"), "\(status.stdout)")
        let other = try await Subprocess.run(
            DockerGuardProcess.binaryPath,
            ["authz", "status", "--docker-host", engine.host, "--authz-name", "\(engine.name)-x"])
        #expect(other.status == 1)
        #expect(other.stdout.contains("does not answer (no socket at"), "\(other.stdout)")
        #expect(other.stdout.contains("is not among its plugins"), "\(other.stdout)")
    }

    @Test("confirm: denied with a word about confirm mode, then allowed once the rule is added")
    func confirm() async throws {
        let engine = try await PluginEngine.make()
        defer { engine.stop() }
        let name = "dgnew-\(Self.tag())"
        let guardian = try await engine.startGuard(mode: "confirm", allowList: "name=dgok-*\n")
        try await engine.startEngine()
        let refused = try await engine.docker("run", "-d", "--network", "none", "--name", name, "busybox:local")
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("confirm mode"), "stderr: \(refused.stderr)")
        try await engine.replaceAllowList("name=dgok-*\nname=\(name)\n", expecting: "name=\(name)")
        let allowed = try await engine.docker("run", "-d", "--network", "none", "--name", name, "busybox:local")
        #expect(allowed.status == 0, "stderr: \(allowed.stderr)")
        _ = guardian
    }

    /// Audit lines that satisfy `match`, once at least `count` are there.
    func auditRecords(
        _ guardian: DockerGuardProcess, atLeast count: Int, where match: @escaping ([String: Any]) -> Bool
    ) async -> [[String: Any]] {
        var found: [[String: Any]] = []
        _ = await eventually(timeout: .seconds(5)) {
            found = guardian.auditRecords.filter(match)
            return found.count >= count
        }
        return found
    }
}
