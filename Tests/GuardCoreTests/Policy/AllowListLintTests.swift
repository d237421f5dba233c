import GuardCore
import Testing

/// Issue 13 item 7: rules that cannot match, duplicates and redundant rules are warned about; the
/// list is valid all the same.
@Suite struct AllowListLintTests {
    func warnings(_ text: String) throws -> [String] {
        try AllowList.parse(text, path: "list").get().warnings.map(\.description)
    }

    @Test func ruleThatCannotMatch() throws {
        #expect(
            try warnings("name=a name=b\n") == [
                "list:1: warning: this rule can never match: name=a and name=b cannot both hold"
            ])
        #expect(try warnings("name=web-* name=db\nid=ab id=cd\nlabel=t=x label=t=y\n").count == 3)
        #expect(try warnings("name=web-* name=web-1\nid=ab id=abc\nimage=nginx image=redis\n").isEmpty)
    }

    @Test func duplicatesAndRedundantRules() throws {
        #expect(
            try warnings("name=web-*\nname=db\nname=web-*\n") == [
                "list:3: warning: duplicate of line 1 (name=web-*)"
            ])
        #expect(
            try warnings("name=web-*\nname=web-1 image=nginx\n") == [
                "list:2: warning: line 1 (name=web-*) already allows everything this rule does"
            ])
        #expect(
            try warnings("id=3f2a\nid=3f2a9c\n") == [
                "list:2: warning: line 1 (id=3f2a) already allows everything this rule does"
            ])
        #expect(try warnings("label=tier\nlabel=tier=web\n").count == 1)
        // keep-running adds something a broader plain rule does not: not redundant.
        #expect(try warnings("name=web-*\nname=web-1 keep-running\n").isEmpty)
        #expect(try warnings("name=web-1\nname=web-*\nimage=nginx:1.27\nimage=nginx:*\n").isEmpty)
        // A term that lifts a profile limit widens the rule: a broader rule without it is no cover.
        #expect(try warnings("name=web-*\nname=web-1 privileged\n").isEmpty)
        #expect(
            try warnings("name=web-* privileged\nname=web-1 privileged\n") == [
                "list:2: warning: line 1 (name=web-* privileged) already allows everything this rule does"
            ])
        #expect(try warnings("name=web-* cap=NET_ADMIN\nname=web-1 privileged\n").isEmpty)
    }
}
