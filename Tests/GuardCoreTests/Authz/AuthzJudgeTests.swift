import DockerEngine
import Foundation
import Testing

@testable import GuardCore

@Suite("The plugin's decisions, without an engine")
struct AuthzJudgeTests {
    static let list = "name=web-*\nid=3f2a9c1b77e0\nimage-id=cafe\n"

    @Test("a create the list does not allow is denied in enforce mode, with the message; audited and counted")
    func createDenied() async throws {
        let fixture = try await AuthzFixture(list: Self.list)
        let answer = await fixture.judge.authorize(AuthzFixture.create(name: "miner", image: "busybox:local"))
        #expect(!answer.allow)
        #expect(
            answer.message
                == "dockerguard: no rule allows name=miner image=busybox:local "
                + "(add 'name=miner' to /etc/dockerguard/allowlist)"
        )
        let records = await fixture.auditRecords(atLeast: 1)
        #expect(records.first?["event"] as? String == "authz-create")
        #expect(records.first?["result"] as? String == "denied")
        #expect(records.first?["container_name"] as? String == "/miner")
        #expect(
            fixture.metricsText().contains(#"dockerguard_authz_requests_total{endpoint="create",verdict="denied"} 1"#))
        // Judged calls (this one asked the engine: an image-id= rule might match) and reads are timed apart.
        _ = fixture.judge.allowRead()
        let text = fixture.metricsText()
        #expect(text.contains(#"dockerguard_authz_decision_seconds_count{kind="lookup"} 1"#), "\(text)")
        #expect(text.contains(#"dockerguard_authz_decision_seconds_count{kind="passed"} 1"#), "\(text)")
    }

    @Test("an allowed create passes; audit mode lets a violation pass and records it; confirm denies and says so")
    func modes() async throws {
        let enforce = try await AuthzFixture(list: Self.list)
        #expect(await enforce.judge.authorize(AuthzFixture.create(name: "web-1", image: "x")).allow)
        let audit = try await AuthzFixture(list: Self.list, mode: .audit)
        #expect(await audit.judge.authorize(AuthzFixture.create(name: "miner", image: "x")).allow)
        #expect(await audit.auditRecords(atLeast: 1).first?["result"] as? String == "recorded (would deny)")
        #expect(audit.metricsText().contains(#"endpoint="create",verdict="audited""#))
        let confirm = try await AuthzFixture(list: Self.list, mode: .confirm)
        let answer = await confirm.judge.authorize(AuthzFixture.create(name: "miner", image: "x"))
        #expect(!answer.allow)
        #expect(answer.message.contains("confirm mode"))
    }

    @Test("the image's ID is looked up when a rule looks at it")
    func createByImageID() async throws {
        let image = try JSONDecoder().decode(
            ImageDetails.self, from: Data(#"{"Id":"sha256:cafe01","RepoTags":["busybox:local"]}"#.utf8))
        let lookup = FakeLookup(images: ["busybox:local": image])
        let fixture = try await AuthzFixture(list: Self.list, lookup: lookup)
        #expect(await fixture.judge.authorize(AuthzFixture.create(name: "any", image: "busybox:local")).allow)
        #expect(lookup.callCount == 1)
        // A decision that asked the engine is timed apart from those made from what the plugin knows.
        #expect(await fixture.judge.authorize(AuthzFixture.create(name: "web-1", image: "busybox:local")).allow)
        let text = fixture.metricsText()
        #expect(text.contains(#"dockerguard_authz_decision_seconds_count{kind="lookup"} 1"#), "\(text)")
        #expect(text.contains(#"dockerguard_authz_decision_seconds_count{kind="judged"} 1"#), "\(text)")
    }

    @Test("a create whose body the engine left out: allowed if its name suffices, else fail closed in enforce")
    func bodyLeftOut() async throws {
        // Under the privileged profile how it runs does not matter: the name suffices.
        let fixture = try await AuthzFixture(list: Self.list, profile: .privileged)
        let named = AuthzRequest(method: "POST", uri: "/v1.41/containers/create?name=web-2")
        #expect(await fixture.judge.authorize(named).allow)
        // Under baseline (the default) how it would run is unknown: fail closed, and say so.
        let baseline = try await AuthzFixture(list: Self.list)
        let refused = await baseline.judge.authorize(named)
        #expect(!refused.allow)
        #expect(refused.message.contains("did not forward the request body"), "\(refused.message)")
        #expect(refused.message.contains("how it would run is unknown, which profile baseline does not allow"))
        let unnamed = AuthzRequest(method: "POST", uri: "/v1.41/containers/create?name=big")
        let answer = await fixture.judge.authorize(unnamed)
        #expect(!answer.allow)
        #expect(answer.message.contains("did not forward the request body"))
        let audit = try await AuthzFixture(list: Self.list, mode: .audit)
        #expect(await audit.judge.authorize(unnamed).allow)
    }

    @Test("a create is judged on how it would run: the message names the limit, the rule and the lifting term")
    func createRuntime() async throws {
        let fixture = try await AuthzFixture(list: "name=web-*\nname=tools-* privileged mount=/\n")
        let privileged = AuthzFixture.create(name: "web-1", image: "busybox:local", hostConfig: ["Privileged": true])
        let answer = await fixture.judge.authorize(privileged)
        #expect(!answer.allow)
        #expect(
            answer.message
                == "dockerguard: privileged is not allowed by profile baseline "
                + "(/etc/dockerguard/allowlist:1 allows name=web-* without 'privileged')")
        let lifted = AuthzFixture.create(
            name: "tools-1", image: "busybox:local", hostConfig: ["Privileged": true, "Binds": ["/:/host"]])
        #expect(await fixture.judge.authorize(lifted).allow)
        let records = await fixture.auditRecords(atLeast: 2)
        let denied = records.first { $0["action"] as? String == "deny" }
        #expect(denied?["violations"] as? [String] == ["privileged"])
        #expect((denied?["reason"] as? String)?.contains("not allowed by profile baseline") == true)

        let restricted = try await AuthzFixture(list: "name=web-*\n", profile: .restricted)
        let root = AuthzFixture.create(
            name: "web-1", image: "busybox:local",
            hostConfig: ["CapDrop": ["ALL"], "SecurityOpt": ["no-new-privileges"]], user: "0")
        #expect(!(await restricted.judge.authorize(root).allow))
        let user = AuthzFixture.create(
            name: "web-1", image: "busybox:local",
            hostConfig: ["CapDrop": ["ALL"], "SecurityOpt": ["no-new-privileges"]], user: "1000")
        #expect(await restricted.judge.authorize(user).allow)
    }

    @Test("a start is judged on the container the store knows, so id= rules hold")
    func startFromStore() async throws {
        let allowed = Fixtures.record("snap", id: "3f2a9c1b77e0" + String(repeating: "0", count: 52), state: "created")
        let other = Fixtures.record("other", state: "created")
        let lookup = FakeLookup()
        // No image rule: nothing to ask the engine.
        let fixture = try await AuthzFixture(
            list: "name=web-*\nid=3f2a9c1b77e0\n", records: [allowed, other], lookup: lookup)
        #expect(await fixture.judge.authorize(AuthzFixture.post("/containers/\(allowed.id)/start")).allow)
        #expect(await fixture.judge.authorize(AuthzFixture.post("/containers/snap/restart")).allow)
        #expect(!(await fixture.judge.authorize(AuthzFixture.post("/containers/other/start")).allow))
        #expect(!(await fixture.judge.authorize(AuthzFixture.post("/containers/\(other.id.prefix(12))/unpause")).allow))
        #expect(lookup.callCount == 0)
    }

    @Test("create then start before the store knows it: judged from AuthZRes of the create, no engine call")
    func createStartRace() async throws {
        let lookup = FakeLookup()
        let fixture = try await AuthzFixture(list: Self.list, lookup: lookup)
        let id = String(repeating: "7", count: 64)
        var created = AuthzFixture.create(name: "web-9", image: "busybox:local")
        created.responseBody = .bytes(Array(#"{"Id":"\#(id)","Warnings":[]}"#.utf8))
        created.responseStatusCode = 201
        #expect(fixture.judge.observe(created).allow)
        #expect(await fixture.judge.authorize(AuthzFixture.post("/containers/\(id)/start")).allow)
        #expect(await fixture.judge.authorize(AuthzFixture.post("/containers/web-9/start")).allow)
        #expect(lookup.callCount == 0)
        // `docker run --name /web-8` (a name written with its slash): the start is judged as the create was.
        let slashID = String(repeating: "8", count: 64)
        var slashed = AuthzFixture.create(name: "/web-8", image: "busybox:local")
        slashed.responseBody = .bytes(Array(#"{"Id":"\#(slashID)","Warnings":[]}"#.utf8))
        slashed.responseStatusCode = 201
        #expect(await fixture.judge.authorize(slashed).allow)
        #expect(fixture.judge.observe(slashed).allow)
        #expect(await fixture.judge.authorize(AuthzFixture.post("/containers/\(slashID)/start")).allow)
    }

    @Test("a container nobody knows is asked of the engine; one the engine does not have is left to the engine's 404")
    func startUnknown() async throws {
        let record = Fixtures.record("web-late", state: "created")
        let lookup = FakeLookup(containers: ["web-late": record])
        let fixture = try await AuthzFixture(list: Self.list, lookup: lookup)
        #expect(await fixture.judge.authorize(AuthzFixture.post("/containers/web-late/start")).allow)
        #expect(await fixture.judge.authorize(AuthzFixture.post("/containers/nonesuch/start")).allow)
        #expect(lookup.callCount == 2)
    }

    @Test("an engine that does not answer in time: the failure policy answers within the budget")
    func budget() async throws {
        let slow = FakeLookup(delay: .seconds(6))
        let settings = AuthzSettings(budget: .milliseconds(100))
        for (mode, allows) in [(EnforcementMode.enforce, false), (.audit, true), (.confirm, false)] {
            let fixture = try await AuthzFixture(list: Self.list, mode: mode, lookup: slow, settings: settings)
            let (answer, elapsed) = await withTaskExecutorPreference(fixture.executor) {
                let clock = ContinuousClock()
                let started = clock.now
                let answer = await fixture.judge.authorize(AuthzFixture.post("/containers/whoever/start"))
                return (answer, clock.now - started)
            }
            // 100 ms of budget; the rest is slack for the whole suite on 2 cores (2.2 s seen), still
            // well below the 6 s lookup, so only the budget can have answered.
            #expect(elapsed < .seconds(4), "mode \(mode)")
            #expect(answer.allow == allows, "mode \(mode)")
            let verdict = allows ? "failure-allowed" : "failure-denied"
            #expect(fixture.metricsText().contains(#"{endpoint="start",verdict="\#(verdict)"} 1"#))
        }
        var deny = settings
        deny.failurePolicy = .deny
        let strict = try await AuthzFixture(list: Self.list, mode: .audit, lookup: slow, settings: deny)
        #expect(!(await strict.judge.authorize(AuthzFixture.post("/containers/whoever/start")).allow))
    }

    @Test("a rename that would make a running container violating is denied; a stopped one may be renamed")
    func rename() async throws {
        let running = Fixtures.record("web-1")
        let stopped = Fixtures.record("web-2", id: String(repeating: "2", count: 64), state: "exited")
        let fixture = try await AuthzFixture(list: Self.list, records: [running, stopped])
        let answer = await fixture.judge.authorize(AuthzFixture.post("/containers/web-1/rename?name=miner"))
        #expect(!answer.allow)
        #expect(answer.message.contains("name=miner"))
        #expect(await fixture.judge.authorize(AuthzFixture.post("/containers/web-1/rename?name=web-one")).allow)
        #expect(await fixture.judge.authorize(AuthzFixture.post("/containers/web-2/rename?name=miner")).allow)
    }

    @Test("the guard's own container may always start")
    func ownContainer() async throws {
        let me = Fixtures.record("dockerguard", state: "exited")
        let fixture = try await AuthzFixture(list: Self.list, records: [me], selfID: me.id)
        #expect(await fixture.judge.authorize(AuthzFixture.post("/containers/dockerguard/start")).allow)
    }

    @Test("no valid allow-list yet: reads pass, judged calls get the failure policy")
    func noList() async throws {
        let fixture = try await AuthzFixture(list: nil)
        #expect(await fixture.judge.authorize(AuthzRequest(method: "GET", uri: "/v1.41/containers/json")).allow)
        let answer = await fixture.judge.authorize(AuthzFixture.create(name: "web-1", image: "x"))
        #expect(!answer.allow)
        #expect(answer.message.contains("no valid allow-list"))
    }
}
