import Foundation
import Testing

@testable import GuardCore

@Suite("Creates refused in confirm mode, kept for the dashboard")
struct RefusedCreatesTests {
    @Test("confirm keeps each refused create once, counting attempts; enforce keeps none; allowed later ends it")
    func keptUntilAllowed() async throws {
        let confirm = try await AuthzFixture(
            list: "name=web-*\n", mode: .confirm, settings: AuthzSettings(operatorPresent: true))
        let create = AuthzFixture.create(name: "miner", image: "busybox:local")
        #expect(!(await confirm.judge.authorize(create)).allow)
        #expect(!(await confirm.judge.authorize(create)).allow)
        let kept = confirm.judge.refusedCreates.entries.value
        #expect(kept.count == 1)
        #expect(kept.first?.subject.name == "/miner")
        #expect(kept.first?.subject.imageRef == "busybox:local")
        #expect(kept.first?.attempts == 2)
        #expect(kept.first?.message.contains("in the dashboard") == true)

        confirm.policy.apply(
            try PolicySamples.list("name=web-*\nname=miner\n", path: "/etc/dockerguard/allowlist"), at: 1)
        #expect((await confirm.judge.authorize(create)).allow)
        #expect(confirm.judge.refusedCreates.entries.value.isEmpty)

        let enforce = try await AuthzFixture(list: "name=web-*\n")
        #expect(!(await enforce.judge.authorize(create)).allow)
        #expect(enforce.judge.refusedCreates.entries.value.isEmpty)
        // Headless (no dashboard): nothing to wait in, and the message does not promise one.
        let headless = try await AuthzFixture(list: "name=web-*\n", mode: .confirm)
        let told = await headless.judge.authorize(create)
        #expect(!told.allow && told.message.contains("by adding the rule") && !told.message.contains("dashboard"))
        #expect(headless.judge.refusedCreates.entries.value.isEmpty)
    }

    @Test("bounded, oldest dropped first; entries older than the lifetime are dropped on the next refusal")
    func bounded() {
        let refused = RefusedCreates(capacity: 3)
        for index in 1...5 {
            refused.refused(MatchSubject(id: "", name: "c\(index)", imageRef: "x"), message: "", at: 10)
        }
        #expect(refused.entries.value.map(\.subject.name) == ["/c3", "/c4", "/c5"])
        refused.refused(
            MatchSubject(id: "", name: "late", imageRef: "x"), message: "", at: 10 + RefusedCreate.lifetime + 1)
        #expect(refused.entries.value.map(\.subject.name) == ["/late"])
        #expect(refused.entries.value.first?.isCurrent(now: 10 + 2 * RefusedCreate.lifetime + 2) == false)
    }
}
