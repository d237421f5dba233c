import DockerEngine
import Foundation
import TestSupport
import Testing

/// `dockerguard run` guarding the private engine. The allow-list always allows `dgtest-*`, the
/// names every other test uses, so a guard here never touches another suite's containers; the
/// containers meant to be judged are named `dgvictim-*` and `dgkeep-*`.
@Suite(
    "Enforcement against the real engine", .enabled(if: TestEngine.isAvailable, "needs scripts/test's private engine"),
    .serialized)
struct EnforcementTests {
    static let baseList = "# others' containers\nname=dgtest-*\n"

    static func victimName(_ tag: String) -> String { "dgvictim-\(tag)-\(UUID().uuidString.prefix(8).lowercased())" }

    func state(_ id: String) async -> String? {
        try? await TestEngine.docker("container", "inspect", "-f", "{{.State.Status}}", id)
    }

    @Test(
        "enforce: a disallowed container is acted on, an allowed one untouched", arguments: ["stop", "kill", "remove"])
    func enforce(action: String) async throws {
        let client = try TestEngine.client()
        let guardian = try await DockerGuardProcess(
            engineHost: TestEngine.host, allowList: Self.baseList + "name=dgok-*\n",
            extraArguments: ["--mode", "enforce", "--action", action, "--stop-timeout", "0"])
        #expect(await guardian.probe.waitUntilReady() != nil, "\(guardian.log)")
        let allowedName = "dgok-\(action)-\(UUID().uuidString.prefix(6).lowercased())"
        let victimName = Self.victimName(action)
        defer { TestEngine.forceRemove([allowedName, victimName]) }

        let allowed = try await TestEngine.runContainer(client, name: allowedName)
        let victim = try await TestEngine.runContainer(client, name: victimName)

        let acted = await eventually(timeout: .seconds(5)) {
            switch action {
            case "remove": return await state(victim) == nil
            default: return await state(victim) == "exited"
            }
        }
        #expect(acted != nil, "the engine does not show \(action) done; log:\n\(guardian.log)")
        if action == "kill" {
            #expect(try await TestEngine.docker("container", "inspect", "-f", "{{.State.ExitCode}}", victim) == "137")
        }
        #expect(await state(allowed) == "running")

        // The action's audit line follows the engine's answer, which may come after the state changed.
        let done = await eventually(timeout: .seconds(5)) {
            guardian.auditRecords.contains {
                $0["container_id"] as? String == victim && $0["action"] as? String == action
                    && $0["result"] as? String == "done"
            }
        }
        #expect(done != nil, "no audit line for the \(action); log:\n\(guardian.log)")
        let records = guardian.auditRecords
        #expect(
            records.contains {
                $0["container_id"] as? String == allowed && $0["verdict"] as? String == "allowed"
                    && ($0["rule"] as? String)?.hasSuffix(":3") == true
            })

        // The API says the same.
        if action != "remove" {
            let all = try await guardian.probe.containers("?all=true")
            #expect(all[victim]?["allowed"] as? Bool == false)
            #expect(all[allowed]?["allowed"] as? Bool == true)
        }
        // nil: still running 10 s after SIGTERM (then SIGKILLed).
        let status = await guardian.terminate()
        #expect(status == 0, "exit status \(status.map(String.init) ?? "none"); log:\n\(guardian.log)")
    }

    @Test("audit: a disallowed container keeps running and is recorded; ?violating=true lists it")
    func audit() async throws {
        let client = try TestEngine.client()
        let guardian = try await DockerGuardProcess(engineHost: TestEngine.host, allowList: Self.baseList)
        #expect(await guardian.probe.waitUntilReady() != nil)
        let name = Self.victimName("audit")
        defer { TestEngine.forceRemove([name]) }
        let victim = try await TestEngine.runContainer(client, name: name)

        let recorded = await eventually { guardian.auditRecords.contains { $0["container_id"] as? String == victim } }
        #expect(recorded != nil)
        let record = guardian.auditRecords.first { $0["container_id"] as? String == victim }
        #expect(record?["verdict"] as? String == "violating")
        #expect(record?["result"] as? String == "recorded")
        #expect(record?["mode"] as? String == "audit")
        #expect(await state(victim) == "running")
        let violating = try await guardian.probe.containers("?violating=true")
        #expect(violating[victim] != nil)
        #expect(violating.values.allSatisfy { $0["allowed"] as? Bool == false })
        #expect(await guardian.terminate() == 0)
    }

    @Test("rename out of the list is judged at once")
    func renameOut() async throws {
        let client = try TestEngine.client()
        let guardian = try await DockerGuardProcess(
            engineHost: TestEngine.host, allowList: Self.baseList + "name=dgok-*\n",
            extraArguments: ["--mode", "enforce", "--action", "kill"])
        #expect(await guardian.probe.waitUntilReady() != nil)
        let name = "dgok-rename-\(UUID().uuidString.prefix(6).lowercased())"
        let renamed = Self.victimName("renamed")
        defer { TestEngine.forceRemove([name, renamed]) }
        let id = try await TestEngine.runContainer(client, name: name)
        #expect(await guardian.audit(where: Self.allowed(id)) != nil, "\(guardian.log)")
        #expect(await state(id) == "running")
        try await client.renameContainer(id, to: renamed)
        #expect(await eventually(timeout: .seconds(5)) { await state(id) == "exited" } != nil, "\(guardian.log)")
        // The audit line is written once the engine has answered the kill, which may be after the
        // engine already reports the container exited.
        let audited = await eventually(timeout: .seconds(5)) {
            guardian.auditRecords.contains { $0["container_id"] as? String == id && $0["event"] as? String == "rename" }
        }
        #expect(audited != nil, "\(guardian.log)")
        #expect(await guardian.terminate() == 0)
    }

    @Test("hot reload: a new list is in force within 2 s; an invalid one is reported and the last good one kept")
    func hotReload() async throws {
        let client = try TestEngine.client()
        let guardian = try await DockerGuardProcess(
            engineHost: TestEngine.host, allowList: Self.baseList,
            extraArguments: ["--mode", "enforce", "--action", "kill"])
        #expect(await guardian.probe.waitUntilReady() != nil)
        let names = (1...3).map { "dgreload-\($0)-\(UUID().uuidString.prefix(6).lowercased())" }
        defer { TestEngine.forceRemove(names) }

        // An editor's save: write a temp file, rename it over the list.
        func save(_ text: String) throws {
            let temp = guardian.allowListPath + ".tmp"
            try text.write(toFile: temp, atomically: false, encoding: .utf8)
            #expect(rename(temp, guardian.allowListPath) == 0)
        }
        try save(Self.baseList + "name=dgreload-*\n")
        let reloaded = await eventually(timeout: .seconds(2)) {
            let rules = (try? await guardian.probe.get("/allowlist").json()["rules"] as? [Any]) ?? []
            return rules.count == 2
        }
        #expect(reloaded != nil, "not reloaded within 2 s")
        let first = try await TestEngine.runContainer(client, name: names[0])
        #expect(await guardian.audit(where: Self.allowed(first)) != nil)
        #expect(await state(first) == "running")

        try save("name=dgtest-*\nnmae=oops\nlabel=\n")
        let reported = await eventually(timeout: .seconds(2)) {
            ((try? await guardian.probe.get("/allowlist").json()["error"]) as? String)?.contains(":2:") == true
        }
        #expect(reported != nil)
        let health = try await guardian.probe.get("/healthz")
        #expect(health.status == 200)
        #expect((try health.json()["allowlist_error"] as? String)?.contains("nmae") == true)
        // Still the last good list, rule for rule, not the rejected file and not an empty list.
        let allowList = try await guardian.probe.get("/allowlist").json()
        let texts = (allowList["rules"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }
        #expect(texts == ["name=dgtest-*", "name=dgreload-*"], "\(allowList)")
        #expect(allowList["loaded"] as? Bool == true)
        // dgreload-* is still allowed, and a container the last good list does not allow is still acted on.
        let second = try await TestEngine.runContainer(client, name: names[1])
        #expect(await guardian.audit(where: Self.allowed(second)) != nil)
        #expect(await state(second) == "running")
        let victim = try await TestEngine.runContainer(client, name: Self.victimName("reload"))
        defer { TestEngine.forceRemove([victim]) }
        let killed = await guardian.audit {
            $0["container_id"] as? String == victim && $0["action"] as? String == "kill"
        }
        #expect(killed?["result"] as? String == "done", "\(guardian.log)")
        #expect(await state(victim) == "exited")
        #expect(await guardian.terminate() == 0)
    }

    @Test("keep-running restarts a container that stops, with backoff against a crash loop")
    func keepRunning() async throws {
        let client = try TestEngine.client()
        let guardian = try await DockerGuardProcess(
            engineHost: TestEngine.host, allowList: Self.baseList + "name=dgkeep-* keep-running\n",
            extraArguments: ["--mode", "enforce", "--action", "kill"])
        #expect(await guardian.probe.waitUntilReady() != nil)
        let steady = "dgkeep-steady-\(UUID().uuidString.prefix(6).lowercased())"
        let crashing = "dgkeep-crash-\(UUID().uuidString.prefix(6).lowercased())"
        defer { TestEngine.forceRemove([steady, crashing]) }

        let id = try await TestEngine.runContainer(client, name: steady)
        try await client.killContainer(id)
        let restarted = await eventually(timeout: .seconds(5)) { await state(id) == "running" }
        #expect(restarted != nil, "not restarted; log:\n\(guardian.log)")

        // A container that dies 0.1 s after each start: each restart waits as configured, 1 s, 2 s,
        // then 4 s after the stop before it (so each gap is the delay plus the 0.1 s run).
        let spec = ContainerSpec(image: TestEngine.image, cmd: ["sh", "-c", "sleep 0.1; exit 3"], stopTimeout: 0)
        let crashID = try await client.createContainer(spec, name: crashing)
        let startedAt = Date().timeIntervalSince1970
        try await client.startContainer(crashID)
        func restartTimes() -> [Double] {
            guardian.auditRecords(for: crashID).filter { $0["action"] as? String == "restart" }
                .compactMap { ($0["time"] as? String).flatMap(Self.seconds) }
        }
        let three = await eventually(timeout: .seconds(20)) { restartTimes().count >= 3 }
        let times = [startedAt] + restartTimes().prefix(3)
        try #require(three != nil && times.count == 4, "\(times.count - 1) restarts; log:\n\(guardian.log)")
        let gaps = zip(times.dropFirst(), times).map { $0 - $1 }
        for (gap, delay) in zip(gaps, [1.0, 2.0, 4.0]) {
            // Never sooner than configured (what keeps a crash loop from spinning); at most 2 s later:
            // the run, the engine's start and a loaded machine (CI once saw the first gap at 2.23 s).
            #expect(gap >= delay && gap < delay + 2.0, "restart gaps \(gaps), configured 1 s, 2 s, 4 s")
        }
        #expect(await guardian.terminate() == 0)
    }

    /// Matches the audit line that says `id` was judged allowed.
    static func allowed(_ id: String) -> ([String: Any]) -> Bool {
        { $0["container_id"] as? String == id && $0["verdict"] as? String == "allowed" }
    }

    static func seconds(_ rfc3339: String) -> Double? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let trimmed = rfc3339.replacingOccurrences(of: #"\.(\d{3})\d*Z"#, with: ".$1Z", options: .regularExpression)
        return formatter.date(from: trimmed)?.timeIntervalSince1970
    }
}
