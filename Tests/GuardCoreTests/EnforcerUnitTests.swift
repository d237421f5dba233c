import DockerEngine
import Foundation
import Logging
import Synchronization
import TestSupport
import Testing

@testable import GuardCore

/// An engine that records the enforcer's calls and answers each as told: no engine needed.
final class FakeEnforcerEngine: EnforcerEngine {
    private let log = Mutex<[String]>([])
    /// What a kill answers; nil succeeds.
    let killFailure: EngineError?

    init(killFailure: EngineError? = nil) {
        self.killFailure = killFailure
    }

    var calls: [String] { log.withLock { $0 } }

    func stopContainer(_ id: String, timeout: Int?) async throws(EngineError) {
        log.withLock { $0.append("stop \(id) t=\(timeout ?? -1)") }
    }

    func killContainer(_ id: String, signal: String?) async throws(EngineError) {
        log.withLock { $0.append("kill \(id)") }
        if let killFailure { throw killFailure }
    }

    func removeContainer(_ id: String, force: Bool, removeVolumes: Bool) async throws(EngineError) {
        log.withLock { $0.append("remove \(id) force=\(force)") }
    }

    func startContainer(_ id: String) async throws(EngineError) {
        log.withLock { $0.append("start \(id)") }
    }

    func inspectImage(_ id: String) async throws(EngineError) -> ImageDetails {
        log.withLock { $0.append("inspect-image \(id)") }
        throw .notFound(message: "no such image")
    }
}

/// The post-start enforcer's judgements and actions over an in-memory store and a fake engine.
@Suite("The enforcer, without an engine")
struct EnforcerUnitTests {
    struct Fixture {
        let engine: FakeEnforcerEngine
        let store = ContainerStore(endpoint: "test")
        let policy = PolicyState(path: "test-allowlist")
        let enforcer: Enforcer
        let auditPath = NSTemporaryDirectory() + "dg-enforcer-unit-\(UUID().uuidString).jsonl"

        init(
            list: String, mode: EnforcementMode, action: EnforcementAction = .kill, interactive: Bool = false,
            engine: FakeEnforcerEngine = FakeEnforcerEngine()
        ) throws {
            self.engine = engine
            policy.apply(try AllowList.parse(list, path: "test-allowlist").get(), at: 0)
            enforcer = Enforcer(
                client: engine, store: store, policy: policy, audit: AuditLog(path: auditPath, logger: .quiet),
                aliases: ImageAliases(),
                settings: .init(mode: mode, action: action, stopTimeout: 3, interactive: interactive),
                selfProbe: SelfProbe(rootUpperDir: nil, hints: []), logger: .quiet)
        }

        /// Puts `records` in the store and has the enforcer judge the snapshot.
        func show(_ records: [ContainerRecord]) async {
            await store.replaceAll(with: records, at: 0)
            await enforcer.evaluate(store.current)
        }

        var auditRecords: [[String: Any]] {
            let text = (try? String(contentsOfFile: auditPath, encoding: .utf8)) ?? ""
            return text.split(separator: "\n").compactMap {
                try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
            }
        }

        /// The audit lines once `count` satisfy `match` (actions finish in the background).
        func audit(atLeast count: Int, where match: @escaping ([String: Any]) -> Bool) async -> [[String: Any]] {
            var found: [[String: Any]] = []
            _ = await eventually(timeout: .seconds(20)) {
                found = auditRecords.filter(match)
                return found.count >= count
            }
            return found
        }
    }

    static func running(_ name: String, image: String = "busybox:local") -> ContainerRecord {
        ContainerRecord(
            id: String(
                (name.utf8.map { String($0, radix: 16) }.joined() + String(repeating: "0", count: 64)).prefix(64)),
            name: "/" + name, imageRef: image, imageID: "sha256:" + String(repeating: "b", count: 64),
            state: "running", createdAt: "2026-12-01T10:00:00Z", startedAt: "2026-12-01T10:00:01Z")
    }

    @Test("enforce: the violating container gets the action once; the allowed one none; audited")
    func enforceActsOnce() async throws {
        let fixture = try Fixture(list: "name=web-*\n", mode: .enforce)
        let (web, miner) = (Self.running("web-1"), Self.running("miner"))
        await fixture.show([web, miner])
        let done = await fixture.audit(atLeast: 1) {
            $0["action"] as? String == "kill" && $0["result"] as? String == "done"
        }
        #expect(done.first?["container_name"] as? String == "/miner")
        // The same state judged again (a resync) is not acted on twice.
        await fixture.enforcer.evaluate(fixture.store.current)
        #expect(fixture.engine.calls.filter { $0.hasPrefix("kill") } == ["kill \(miner.id)"])
        #expect(!fixture.engine.calls.contains { $0.contains(web.id) })
        let allowed = fixture.auditRecords.first { $0["container_name"] as? String == "/web-1" }
        #expect(allowed?["verdict"] as? String == "allowed")
        #expect(allowed?["rule"] as? String == "test-allowlist:1")
    }

    @Test("audit records and never calls the engine; confirm with an operator holds it pending until approved")
    func auditAndConfirm() async throws {
        let audit = try Fixture(list: "name=web-*\n", mode: .audit)
        await audit.show([Self.running("miner")])
        let recorded = await audit.audit(atLeast: 1) { $0["result"] as? String == "recorded" }
        #expect(recorded.count == 1)
        #expect(audit.engine.calls.isEmpty)

        let confirm = try Fixture(list: "name=web-*\n", mode: .confirm, action: .stop, interactive: true)
        let miner = Self.running("miner")
        await confirm.show([miner])
        #expect(await confirm.enforcer.pending == [miner.id])
        #expect(confirm.engine.calls.isEmpty)
        _ = await confirm.enforcer.actForOperator(on: [miner.id], cause: "operator approved")
        let approved = await confirm.audit(atLeast: 1) { $0["event"] as? String == "operator approved" }
        #expect(approved.first?["result"] as? String == "done")
        #expect(confirm.engine.calls == ["stop \(miner.id) t=3"])
        #expect(await confirm.enforcer.pending.isEmpty)
    }

    /// The eighth trial: an operator's stop of a container a rule names and the profile refuses
    /// said `no rule matches`; its audit line names the failed limits, as the guard's own does.
    @Test("an operator's stop of a container the profile refuses audits the failed limits")
    func operatorStopAuditsTheLimits() async throws {
        let confirm = try Fixture(list: "name=web-*\n", mode: .confirm, action: .stop, interactive: true)
        var web = Self.running("web-9")
        web.runtime = RuntimeFacts(bindSources: ["/etc"])
        await confirm.show([web])
        #expect(await confirm.enforcer.pending == [web.id])
        _ = await confirm.enforcer.actForOperator(on: [web.id], cause: "operator (all violating)")
        let stopped = await confirm.audit(atLeast: 1) { $0["event"] as? String == "operator (all violating)" }
        #expect(
            (stopped.first?["reason"] as? String)?.contains("not allowed by profile baseline") == true, "\(stopped)")
        #expect((stopped.first?["violations"] as? [Any])?.isEmpty == false, "\(stopped)")
    }

    @Test("a start time restated by a later inspect (the event's stamp, then the engine's own) is one run: judged once")
    func restatedStartIsOneRun() async throws {
        let fixture = try Fixture(list: "name=web-*\n", mode: .confirm, action: .stop, interactive: true)
        var miner = Self.running("miner")
        miner.startedAt = "2026-12-01T10:00:01.123456789Z"  // the start event's stamp
        await fixture.show([miner])
        #expect(await fixture.audit(atLeast: 1) { $0["result"] as? String == "pending" }.count == 1)
        miner.startedAt = "2026-12-01T10:00:01.120931000Z"  // the engine's StartedAt, from the resync
        var web = Self.running("web-1")
        await fixture.show([miner, web])
        // web-1's line is written after whatever the miner's record led to (one audit queue).
        _ = await fixture.audit(atLeast: 1) { $0["container_name"] as? String == "/web-1" }
        let minerLines = fixture.auditRecords.filter { $0["container_name"] as? String == "/miner" }
        #expect(minerLines.count == 1, "\(minerLines)")
        // A run that starts later is a new run, judged again.
        miner.startedAt = "2026-12-01T10:00:04Z"
        web.name = "/web-2"
        await fixture.show([miner, web])
        _ = await fixture.audit(atLeast: 1) { $0["container_name"] as? String == "/web-2" }
        let again = fixture.auditRecords.filter { $0["container_name"] as? String == "/miner" }
        #expect(again.count == 2, "\(again)")
        #expect(again.last?["event"] as? String == "start", "\(again)")
    }

    @Test("a failing action is audited as failed with the engine's error; a container already gone is not a failure")
    func failures() async throws {
        let failing = try Fixture(
            list: "name=web-*\n", mode: .enforce,
            engine: FakeEnforcerEngine(killFailure: .http(status: 500, message: "boom")))
        await failing.show([Self.running("miner")])
        let failed = await failing.audit(atLeast: 1) { $0["result"] as? String == "failed" }
        #expect((failed.first?["error"] as? String)?.contains("boom") == true, "\(failed)")

        let gone = try Fixture(
            list: "name=web-*\n", mode: .enforce,
            engine: FakeEnforcerEngine(killFailure: .notFound(message: "no such container")))
        await gone.show([Self.running("miner")])
        let done = await gone.audit(atLeast: 1) { $0["action"] as? String == "kill" }
        #expect(done.first?["result"] as? String == "done")
    }

    @Test("an image= rule asks the engine for the image's other names before acting")
    func imageLookupBeforeActing() async throws {
        let fixture = try Fixture(list: "image=nginx:1.27\n", mode: .enforce)
        let other = Self.running("cache", image: "sha256:" + String(repeating: "b", count: 64))
        await fixture.show([other])
        _ = await fixture.audit(atLeast: 1) { $0["action"] as? String == "kill" }
        #expect(fixture.engine.calls.first == "inspect-image sha256:" + String(repeating: "b", count: 64))
        #expect(fixture.engine.calls.dropFirst().first == "kill \(other.id)")
    }
}
