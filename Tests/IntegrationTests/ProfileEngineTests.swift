import Foundation
import TestSupport
import Testing

/// The security profile against the real engine: each flag of issue 18 refused by the plugin
/// before start and acted on by the post-start enforcer (plugin off), allowed when the rule
/// carries the term that lifts its limit. Each test shares one private engine across its flags.
@Suite(
    "Security profiles against the real engine",
    .enabled(if: TestEngine.isAvailable, "needs scripts/test's engine tools"),
    .serialized)
struct ProfileEngineTests {
    /// A flag, the term that lifts its limit, what the audit log calls the limit, and whether a
    /// container with it can start on this machine (`--privileged` cannot: the runtime answers
    /// `unable to apply caps`; the socket is not there to mount).
    struct Flag: Sendable {
        let arguments: [String]
        let term: String
        let limit: String
        let starts: Bool
    }

    static let flags: [Flag] = [
        Flag(arguments: ["--privileged"], term: "privileged", limit: "privileged", starts: false),
        Flag(arguments: ["-v", "/:/host"], term: "mount=/", limit: "mount of /", starts: true),
        Flag(
            arguments: ["-v", "/var/run/docker.sock:/var/run/docker.sock"], term: "mount=/var/run/docker.sock",
            limit: "mount of /var/run/docker.sock", starts: false),
        Flag(arguments: ["--network", "host"], term: "host-network", limit: "host network", starts: true),
        Flag(arguments: ["--pid", "host"], term: "host-pid", limit: "host PID", starts: true),
        Flag(arguments: ["--ipc", "host"], term: "host-ipc", limit: "host IPC", starts: true),
        Flag(
            arguments: ["--cap-add", "SYS_ADMIN"], term: "cap=SYS_ADMIN", limit: "capability SYS_ADMIN", starts: true),
        Flag(arguments: ["--device", device], term: "device=\(device)", limit: "device \(device)", starts: true),
        Flag(
            arguments: ["--security-opt", "seccomp=unconfined"], term: "seccomp=unconfined",
            limit: "seccomp=unconfined", starts: true),
    ]

    /// `/dev/fuse` when the machine has it, else a device every machine has.
    static var device: String { FileManager.default.fileExists(atPath: "/dev/fuse") ? "/dev/fuse" : "/dev/null" }

    /// Line 1 allows the image for containers labelled `dgprofile=baseline`; one line per flag
    /// allows `dglift-N-*` with the flag's term; the last judges `dgprofile=restricted` by restricted.
    static func allowList() -> String {
        var lines = ["image=busybox:local label=dgprofile=baseline"]
        for (index, flag) in flags.enumerated() { lines.append("name=dglift-\(index)-* \(flag.term)") }
        lines.append("label=dgprofile=restricted profile=restricted")
        return lines.joined(separator: "\n") + "\n"
    }

    static func tag() -> String { String(UUID().uuidString.prefix(6).lowercased()) }

    /// `docker ARGUMENTS` on `engine`, off the pool.
    static func docker(_ engine: PluginEngine, _ arguments: [String]) async throws -> Subprocess.Result {
        try await offPool { try engine.docker(arguments) }
    }

    /// Stops the engine whatever the test did, off the pool.
    static func withEngine(_ body: (PluginEngine) async throws -> Void) async throws {
        let engine = try await PluginEngine.make()
        do {
            try await body(engine)
        } catch {
            engine.stop()
            throw error
        }
        engine.stop()
    }

    /// Every flag but the network's own runs without a network (the private engine has no bridge).
    static func network(_ flag: Flag) -> [String] { flag.arguments.contains("--network") ? [] : ["--network", "none"] }

    @Test("plugin, enforce, baseline: each flag refused before start naming its limit; its term allows it")
    func plugin() async throws {
        try await Self.withEngine(plugin)
    }

    func plugin(_ engine: PluginEngine) async throws {
        let tag = Self.tag()
        // About profiles, not the budget (AuthzJudgeTests has that): under the whole suite's load a
        // decision that looks the image up once took over the default 200 ms.
        let guardian = try await engine.startGuard(
            mode: "enforce", allowList: Self.allowList(), extra: ["--authz-budget", "3000"])
        try await offPool { try engine.startEngine() }
        let since = Int(Date().timeIntervalSince1970) - 1
        for (index, flag) in Self.flags.enumerated() {
            let bad = "dgbad-\(index)-\(tag)"
            let refused = try await Self.docker(
                engine,
                ["run", "-d", "--label", "dgprofile=baseline", "--name", bad] + Self.network(flag) + flag.arguments
                    + ["busybox:local", "sleep", "300"])
            #expect(refused.status != 0, "\(flag.arguments)")
            let message =
                "dockerguard: \(flag.limit) is not allowed by profile baseline (\(guardian.allowListPath):1 allows "
                + "image=busybox:local label=dgprofile=baseline without '\(flag.term)')"
            #expect(refused.stderr.contains(message), "\(flag.arguments): \(refused.stderr)")
            #expect(
                try await Self.docker(engine, ["container", "inspect", bad]).status != 0, "\(flag.arguments): created")

            // The rule with the term allows it: created, and started where this machine can.
            let lifted = "dglift-\(index)-\(tag)"
            let verb = flag.starts ? ["run", "-d"] : ["create"]
            let allowed = try await Self.docker(
                engine,
                verb + ["--name", lifted] + Self.network(flag) + flag.arguments + ["busybox:local", "sleep", "300"])
            #expect(allowed.status == 0, "\(flag.arguments): \(allowed.stderr)")
            _ = try await Self.docker(engine, ["rm", "-f", lifted])
        }
        let badEvents = try await offPool { try engine.eventActions(container: "dgbad-0-\(tag)", since: since) }
        #expect(badEvents.isEmpty)

        // Restricted: root refused; a non-root user with every capability dropped and
        // no-new-privileges runs.
        let root = try await Self.docker(
            engine,
            [
                "run", "-d", "--label", "dgprofile=restricted", "--name", "dgroot-\(tag)", "--network", "none",
                "--user", "0", "--cap-drop", "ALL", "--security-opt", "no-new-privileges", "busybox:local", "sleep",
                "300",
            ])
        #expect(root.status != 0)
        #expect(root.stderr.contains("user 0 is not allowed by profile restricted"), "\(root.stderr)")
        let user = try await Self.docker(
            engine,
            [
                "run", "-d", "--label", "dgprofile=restricted", "--name", "dguser-\(tag)", "--network", "none",
                "--user", "1000", "--cap-drop", "ALL", "--security-opt", "no-new-privileges", "busybox:local", "sleep",
                "300",
            ])
        #expect(user.status == 0, "\(user.stderr)")

        let denials = guardian.auditRecords.filter { $0["action"] as? String == "deny" }
        #expect(denials.count >= Self.flags.count + 1, "\(denials)")
        #expect(denials.contains { ($0["violations"] as? [String]) == ["privileged"] })
    }

    @Test("post-start net, plugin off: each flag that starts is killed naming its limit; its term allows it")
    func enforcer() async throws {
        try await Self.withEngine(enforcer)
    }

    func enforcer(_ engine: PluginEngine) async throws {
        let tag = Self.tag()
        try await offPool { try engine.startEngine(withPlugin: false) }
        let guardian = try await DockerGuardProcess(
            engineHost: engine.host, allowList: Self.allowList(),
            extraArguments: ["--mode", "enforce", "--action", "kill"])
        engine.guardian = guardian
        #expect(await guardian.probe.waitUntilReady() != nil, "\(guardian.log)")
        let starting = Self.flags.enumerated().filter { $0.element.starts }
        var victims: [String: Flag] = [:]
        var lifted: [String] = []
        for (index, flag) in starting {
            let bad = try await Self.docker(
                engine,
                ["run", "-d", "--label", "dgprofile=baseline", "--name", "dgbad-\(index)-\(tag)"] + Self.network(flag)
                    + flag.arguments + ["busybox:local", "sleep", "300"])
            #expect(bad.status == 0, "\(flag.arguments): \(bad.stderr)")
            victims[bad.stdout.trimmingCharacters(in: .whitespacesAndNewlines)] = flag
            let good = try await Self.docker(
                engine,
                ["run", "-d", "--name", "dglift-\(index)-\(tag)"] + Self.network(flag) + flag.arguments
                    + ["busybox:local", "sleep", "300"])
            #expect(good.status == 0, "\(flag.arguments): \(good.stderr)")
            lifted.append(good.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        // The facts: a kill done for each victim, naming its limit; an allowed line for each lifted one.
        let settled = await eventually(timeout: .seconds(30)) {
            let records = guardian.auditRecords
            let killed = victims.keys.allSatisfy { id in
                records.contains {
                    $0["container_id"] as? String == id && $0["action"] as? String == "kill"
                        && $0["result"] as? String == "done"
                }
            }
            let allowed = lifted.allSatisfy { id in
                records.contains { $0["container_id"] as? String == id && $0["verdict"] as? String == "allowed" }
            }
            return killed && allowed
        }
        #expect(settled != nil, "log:\n\(guardian.log)")
        let records = guardian.auditRecords
        for (id, flag) in victims {
            let line = records.first { $0["container_id"] as? String == id && $0["action"] as? String == "kill" }
            #expect(
                (line?["violations"] as? [String])?.contains(flag.limit) == true, "\(flag.arguments): \(line ?? [:])")
            #expect(
                (line?["reason"] as? String)?.contains("\(flag.limit) is not allowed by profile baseline") == true)
        }
        for id in lifted {
            let state = try await Self.docker(engine, ["container", "inspect", "-f", "{{.State.Status}}", id])
            #expect(state.stdout.contains("running"), "\(id): \(state.stdout)")
        }
        // The API names the failed limit too, beside the original fields.
        let all = try await guardian.probe.containers("?all=true")
        let victim = try #require(victims.first)
        let item = all[victim.key]
        #expect(item?["allowed"] as? Bool == false)
        let violations = item?["violations"] as? [[String: Any]]
        #expect(violations?.contains { $0["limit"] as? String == victim.value.limit } == true, "\(item ?? [:])")
        #expect(item?["container_id"] as? String == victim.key)
        #expect(await guardian.terminate() == 0)

        try await snapshotRoundTrip(engine, starting: starting.map(\.element), tag: tag)
    }

    /// `snapshot --keep-running` of containers that run with every flag, applied in enforce mode,
    /// acts on nothing: each rule carries the terms its container needs.
    func snapshotRoundTrip(_ engine: PluginEngine, starting: [Flag], tag: String) async throws {
        var running: [String] = []
        for (index, flag) in starting.enumerated() {
            let started = try await Self.docker(
                engine,
                ["run", "-d", "--name", "dgsnap-\(index)-\(tag)"] + Self.network(flag) + flag.arguments
                    + ["busybox:local", "sleep", "300"])
            #expect(started.status == 0, "\(flag.arguments): \(started.stderr)")
            running.append(started.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let snapshot = try await Subprocess.run(
            DockerGuardProcess.binaryPath, ["snapshot", "--keep-running", "--docker-host", engine.host])
        #expect(snapshot.status == 0, "\(snapshot.stderr)")
        let mountRule = snapshot.stdout.split(separator: "\n").first { $0.hasPrefix("id=\(running[0])") }
        #expect(mountRule?.contains("id=\(running[0]) mount=/ keep-running") == true, "\(snapshot.stdout)")
        let guardian = try await DockerGuardProcess(
            engineHost: engine.host, allowList: snapshot.stdout,
            extraArguments: ["--mode", "enforce", "--action", "kill"])
        engine.guardian = guardian
        let judged = await eventually(timeout: .seconds(30)) {
            let records = guardian.auditRecords
            return running.allSatisfy { id in
                records.contains { $0["container_id"] as? String == id && $0["verdict"] as? String == "allowed" }
            }
        }
        #expect(judged != nil, "log:\n\(guardian.log)\nlist:\n\(snapshot.stdout)")
        #expect(!guardian.auditRecords.contains { $0["action"] as? String == "kill" }, "\(guardian.auditRecords)")
        for id in running {
            let state = try await Self.docker(engine, ["container", "inspect", "-f", "{{.State.Status}}", id])
            #expect(state.stdout.contains("running"))
        }
        #expect(await guardian.terminate() == 0)
    }
}
