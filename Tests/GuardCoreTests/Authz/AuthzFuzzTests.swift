import Foundation
import Testing

@testable import GuardCore

/// Serialized: the huge requests of one test would otherwise take the cores from the other's.
@Suite(
    "Malformed plugin requests never crash the plugin and are answered within the budget", .serialized)
struct AuthzFuzzTests {
    static let budget = Duration.milliseconds(200)
    /// A liveness bound for a loaded machine (the whole suite on 2 cores once took 4.7 s); that the
    /// budget itself holds, with an engine that does not answer, is AuthzJudgeTests' `budget`.
    static let bound = Duration.seconds(10)

    /// Answers `body` on `path` and checks the answer is JSON, in time.
    func check(_ service: AuthzService, path: String = "/AuthZPlugin.AuthZReq", _ body: [UInt8]) async throws
        -> [String: Any]
    {
        // On the judge's own executor, as the plugin's socket answers on its own thread.
        let (answer, elapsed) = await withTaskExecutorPreference(service.judge.executor) {
            let clock = ContinuousClock()
            let started = clock.now
            let answer = await service.respond(path: path, body: body)
            return (answer, clock.now - started)
        }
        #expect(elapsed < Self.bound)
        #expect(answer.status == 200 || answer.status == 404)
        return try #require(try JSONSerialization.jsonObject(with: Data(answer.body)) as? [String: Any])
    }

    @Test("garbage bytes, garbage JSON, wrong types, missing keys, unknown endpoints, huge URIs")
    func garbage() async throws {
        let fixture = try await AuthzFixture(list: "name=web-*\n", settings: AuthzSettings(budget: Self.budget))
        let service = AuthzService(judge: fixture.judge)
        var bodies: [[UInt8]] = (0..<200).map { PolicySamples.garbage(count: Int($0) * 37 % 4096, seed: UInt64($0)) }
        let texts = [
            "{}", "[]", "null", #"{"RequestMethod":"POST"}"#, #"{"RequestUri":"/containers/create"}"#,
            #"{"RequestMethod":"POST","RequestUri":"/v1.41/containers/create?name=x","RequestBody":"!!!"}"#,
            #"{"RequestMethod":"POST","RequestUri":"/v1.41/containers/create","RequestBody":"bm90IGpzb24="}"#,
            #"{"RequestMethod":"POST","RequestUri":"/v1.41/containers/create","RequestBody":"eyJJbWFnZSI6NX0="}"#,
            #"{"RequestMethod":"POST","RequestUri":"/v1.41/containers/x/start","RequestBody":12}"#,
            #"{"RequestMethod":["POST"],"RequestUri":{"a":1},"ResponseStatusCode":"x","RequestHeaders":[1]}"#,
            #"{"RequestMethod":"POST","RequestUri":"/v1.41/containers/\u0000/rename?name=%00"}"#,
            "{\"RequestMethod\":\"POST\",\"RequestUri\":\"/v1.41/containers/create?name="
                + "\(String(repeating: "%", count: 10_000))\"}",
            "{\"RequestMethod\":\"POST\",\"RequestUri\":\"/\(String(repeating: "containers/", count: 10_000))\"}",
        ]
        bodies += texts.map { Array($0.utf8) }
        for body in bodies {
            let answer = try await check(service, body)
            #expect(answer["Allow"] is Bool)
            _ = try await check(service, path: "/AuthZPlugin.AuthZRes", body)
        }
        for path in ["/", "/Plugin.Nope", "/AuthZPlugin.AuthZReq/extra", String(repeating: "/x", count: 50_000)] {
            let answer = try await check(service, path: path, [])
            #expect(answer["Err"] is String)
        }
        let activate = try await check(service, path: "/Plugin.Activate", [])
        #expect(activate["Implements"] as? [String] == ["authz"])
    }

    @Test("an undecodable request gets the failure policy: denied in enforce, allowed in audit")
    func failurePolicy() async throws {
        let enforce = AuthzService(judge: try await AuthzFixture(list: "name=web-*\n").judge)
        #expect(try await check(enforce, Array("nonsense".utf8))["Allow"] as? Bool == false)
        let audit = AuthzService(judge: try await AuthzFixture(list: "name=web-*\n", mode: .audit).judge)
        #expect(try await check(audit, Array("nonsense".utf8))["Allow"] as? Bool == true)
    }

    @Test(
        "an empty AuthZReq (the engine resending a call after a broken connection) is allowed unless the policy is deny"
    )
    func resentWithoutBody() async throws {
        let enforce = AuthzService(judge: try await AuthzFixture(list: "name=web-*\n").judge)
        #expect(try await check(enforce, [])["Allow"] as? Bool == true)
        let strict = AuthzService(
            judge: try await AuthzFixture(
                list: "name=web-*\n", settings: AuthzSettings(budget: Self.budget, failurePolicy: .deny)
            ).judge)
        let answer = try await check(strict, [])
        #expect(answer["Allow"] as? Bool == false)
        #expect((answer["Msg"] as? String)?.contains("resent") == true)
    }
}
