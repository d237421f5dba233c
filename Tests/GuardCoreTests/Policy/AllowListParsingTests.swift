import Testing

@testable import GuardCore

@Suite("Allow-list parsing")
struct AllowListParsingTests {
    @Test("the design doc example parses into its eight rules")
    func designDocExample() throws {
        let list = try PolicySamples.list(PolicySamples.designDocExample)
        #expect(list.rules.map(\.line) == [2, 3, 4, 5, 6, 7, 8, 9])
        #expect(
            list.rules.map(\.terms) == [
                [.name(Glob("web-*"))],
                [try PolicySamples.image("nginx:1.27")],
                [try PolicySamples.image("registry.example.com/team/*")],
                [.imageID("4f2a")],
                [.id("3f2a9c1b77e0")],
                [.label(key: "com.example.tier", value: Glob("backend"))],
                [.name(Glob("db")), try PolicySamples.image("postgres:16*")],
                [.name(Glob("worker-*"))],
            ])
        #expect(list.rules.map(\.keepRunning) == [false, false, false, false, false, false, false, true])
        #expect(list.rules[6].text == "name=db image=postgres:16*")
        #expect(list.rules[7].location == "allowlist:9")
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let line: String
        let terms: [RuleTerm]
        var keepRunning = false
        var testDescription: String { line }
    }

    static let cases: [Case] = [
        Case(line: "name=web-*", terms: [.name(Glob("web-*"))]),
        Case(line: "name=/web", terms: [.name(Glob("web"))]),
        Case(line: "name=a#b", terms: [.name(Glob("a#b"))]),
        Case(line: "name=a=b", terms: [.name(Glob("a=b"))]),
        Case(line: #"name="my app""#, terms: [.name(Glob("my app"))]),
        Case(line: #"name="has # hash""#, terms: [.name(Glob("has # hash"))]),
        Case(line: #"name="say \"hi\" \\ \n""#, terms: [.name(Glob(#"say "hi" \ \n"#))]),
        Case(line: #"name=pre"fix suf"fix"#, terms: [.name(Glob("prefix suffix"))]),
        Case(line: "image-id=sha256:4F2A", terms: [.imageID("4f2a")]),
        Case(line: "image-id=4f2a", terms: [.imageID("4f2a")]),
        Case(line: "id=3F2A9c1b77e0", terms: [.id("3f2a9c1b77e0")]),
        Case(line: "label=com.example.tier", terms: [.label(key: "com.example.tier", value: nil)]),
        Case(line: "label=tier=back*", terms: [.label(key: "tier", value: Glob("back*"))]),
        Case(line: "label=tier=", terms: [.label(key: "tier", value: Glob(""))]),
        Case(line: "label=url=http://a?b=c", terms: [.label(key: "url", value: Glob("http://a?b=c"))]),
        Case(line: #"label="team=core infra""#, terms: [.label(key: "team", value: Glob("core infra"))]),
        Case(line: "name=a name=b*", terms: [.name(Glob("a")), .name(Glob("b*"))]),
        Case(line: "keep-running name=x keep-running", terms: [.name(Glob("x"))], keepRunning: true),
        Case(line: "\tname=x\t\tid=ab   # trailing comment", terms: [.name(Glob("x")), .id("ab")]),
        Case(line: "name=x   ", terms: [.name(Glob("x"))]),
    ]

    @Test("one line, one rule", arguments: cases)
    func singleLine(_ example: Case) throws {
        let list = try PolicySamples.list(example.line)
        try #require(list.rules.count == 1)
        #expect(list.rules[0].terms == example.terms)
        #expect(list.rules[0].keepRunning == example.keepRunning)
        #expect(list.rules[0].line == 1)
    }

    @Test("comments, blank lines and whitespace-only lines make no rules")
    func nothingButComments() throws {
        let list = try PolicySamples.list("# one\n\n   \n\t# two\n  # three  \n")
        #expect(list.rules.isEmpty)
        #expect(list.document.lines.count == 5)
        #expect(try PolicySamples.list("").rules.isEmpty)
    }

    @Test("the rule text leaves out indentation and the comment")
    func ruleText() throws {
        let list = try PolicySamples.list("\n   name=\"a b\"  keep-running   # why\n")
        #expect(list.rules[0].text == #"name="a b"  keep-running"#)
        #expect(list.rules[0].line == 2)
        #expect(list.rules[0].description == #"allowlist:2: name="a b"  keep-running"#)
    }

    @Test("image values are normalised before comparison")
    func imageValues() throws {
        let list = try PolicySamples.list("image=nginx\nimage=docker.io/library/nginx:latest\n")
        #expect(list.rules[0].terms == list.rules[1].terms)
        guard case .image(let pattern) = list.rules[1].terms[0] else {
            Issue.record("not an image term")
            return
        }
        #expect(pattern.glob.pattern == "docker.io/library/nginx:latest")
        #expect(pattern.source == "docker.io/library/nginx:latest")
    }

    @Test("the empty list has no rules")
    func emptyList() {
        #expect(AllowList.empty.rules.isEmpty)
        #expect(AllowList.empty.document.text() == "")
    }
}
