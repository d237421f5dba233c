import DockerEngine
import Testing

@testable import GuardCore

@Suite("The one decision both enforcement points use")
struct DecisionTests {
    let list: AllowList

    init() throws {
        list = try PolicySamples.list(
            "name=web-*\nimage=nginx:1.27\nid=3f2a9c1b77e0\n", path: "/etc/dockerguard/allowlist")
    }

    @Test("a matching rule allows, and the decision names it and its line")
    func allowed() {
        let decision = Decision.judge(PolicySamples.subject(name: "/web-1"), list: list, selfID: nil, cause: .start)
        #expect(decision.isAllowed)
        #expect(decision.verdictLabel == "allowed")
        #expect(decision.rule?.text == "name=web-*")
        #expect(decision.ruleLocation == "/etc/dockerguard/allowlist:1")
        #expect(decision.cause == .start)
    }

    @Test("no matching rule for a container that runs beyond the profile: the proposed rule lifts it too")
    func violatingWithLimits() throws {
        var subject = MatchSubject(id: "", name: "dg-cap", imageRef: "busybox:local")
        subject.runtime = RuntimeFacts(networkMode: "host", capAdd: ["SYS_ADMIN"])
        let decision = Decision.judge(subject, list: list, selfID: nil, cause: .authzCreate)
        #expect(decision.verdict == .violating)
        #expect(decision.suggestedRule == "name=dg-cap host-network cap=SYS_ADMIN")
        #expect(decision.denialMessage.contains("(add 'name=dg-cap host-network cap=SYS_ADMIN' to "))
        // The rule it proposes allows it at the first try.
        let widened = try PolicySamples.list(try #require(decision.suggestedRule), path: "/x")
        #expect(Decision.judge(subject, list: widened, selfID: nil, cause: .authzCreate).isAllowed)
    }

    @Test("no matching rule: violating, with a message that says what would allow it")
    func violating() {
        let subject = MatchSubject(id: "", name: "miner", imageRef: "busybox:local")
        let decision = Decision.judge(subject, list: list, selfID: nil, cause: .authzCreate)
        #expect(!decision.isAllowed)
        #expect(decision.verdict == .violating)
        #expect(decision.rule == nil)
        #expect(
            decision.denialMessage
                == "dockerguard: no rule allows name=miner image=busybox:local "
                + "(add 'name=miner' to /etc/dockerguard/allowlist)"
        )
    }

    @Test("without a name the suggestion is the image")
    func suggestsImage() {
        let decision = Decision.judge(
            MatchSubject(id: "", name: "", imageRef: "evil:1"), list: list, selfID: nil, cause: .authzCreate)
        #expect(decision.suggestedRule == "image=evil:1")
        #expect(decision.denialMessage.hasSuffix("(add 'image=evil:1' to /etc/dockerguard/allowlist)"))
    }

    @Test("the guard's own container is allowed whatever the list says")
    func ownContainer() {
        let id = String(repeating: "e", count: 64)
        let decision = Decision.judge(
            PolicySamples.subject(id: id, name: "/not-listed"), list: .empty, selfID: id, cause: .start)
        #expect(decision.verdict == .ownContainer)
        #expect(decision.isAllowed)
        #expect(decision.verdictLabel == "self")
        // An empty ID (a create, not yet named by the engine) is never taken for the guard's own.
        let create = Decision.judge(
            MatchSubject(id: "", name: "x", imageRef: "y"), list: .empty, selfID: "", cause: .authzCreate)
        #expect(create.verdict == .violating)
    }

    @Test("a container record and the subject built from it get the same verdict as the list's own")
    func recordAndSubjectAgree() {
        let aliases = ImageAliases()
        for name in ["web-1", "db", "other"] {
            let record = Fixtures.record(name)
            let fromRecord = Decision.judge(record, list: list, aliases: aliases, selfID: nil, cause: .resync)
            #expect(fromRecord.isAllowed == list.verdict(for: record, aliases: aliases).isAllowed)
            #expect(fromRecord.rule == list.verdict(for: record, aliases: aliases).rule)
        }
    }
}
