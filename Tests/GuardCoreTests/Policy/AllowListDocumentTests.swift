import Testing

@testable import GuardCore

@Suite("Allow-list document")
struct AllowListDocumentTests {
    static let texts = [
        "",
        "\n",
        "\n\n\n",
        "name=a",
        "name=a\n",
        "# only a comment",
        "# c\r\nname=a\r\n\r\n",
        "# mixed\r\nname=a\nname=b\r\nname=c",
        "  name=a   # trailing   \n\t\n",
        PolicySamples.designDocExample,
    ]

    @Test("an unedited document gives back exactly the text it was parsed from", arguments: texts)
    func unedited(_ text: String) throws {
        #expect(try PolicySamples.list(text).document.text() == text)
        #expect(AllowListDocument(text: text).text() == text)
    }

    @Test("removing a rule keeps the comments and the order of everything else")
    func removeKeepsTheRest() throws {
        let list = try PolicySamples.list("# header\nname=a   # first\n\n# about b\nname=b\nname=c\n")
        var document = list.document
        let ruleB = try #require(list.rules.first { $0.text == "name=b" })
        let removed = document.remove(line: ruleB.line)
        #expect(removed)
        #expect(document.text() == "# header\nname=a   # first\n\n# about b\nname=c\n")
        #expect(try PolicySamples.list(document.text()).rules.map(\.text) == ["name=a", "name=c"])
    }

    @Test("replacing a line keeps its ending and its neighbours")
    func replace() {
        var document = AllowListDocument(text: "# c\r\nname=a\r\nname=b")
        let replaced = [
            document.replace(line: 2, with: "name=x keep-running"), document.replace(line: 3, with: "name=y"),
        ]
        #expect(replaced == [true, true])
        #expect(document.text() == "# c\r\nname=x keep-running\r\nname=y")
    }

    @Test("appending uses the file's line ending and gives an unterminated last line its newline")
    func append() {
        var unix = AllowListDocument(text: "name=a")
        unix.append("name=b")
        #expect(unix.text() == "name=a\nname=b\n")

        var windows = AllowListDocument(text: "# c\r\nname=a")
        windows.append(AllowRule.render(terms: [.name(Glob("my app"))], keepRunning: true))
        #expect(windows.text() == "# c\r\nname=a\r\nname=\"my app\" keep-running\r\n")
        #expect(windows.lineEnding == "\r\n")

        var empty = AllowListDocument()
        empty.append("# new")
        #expect(empty.text() == "# new\n")
    }

    @Test("inserting puts the line at the given number")
    func insert() {
        var document = AllowListDocument(text: "# header\nname=b\n")
        let inserted = [document.insert("name=a", at: 2), document.insert("name=z", at: 4)]
        #expect(inserted == [true, true])
        #expect(document.text() == "# header\nname=a\nname=b\nname=z\n")
    }

    @Test("edits to lines that do not exist change nothing")
    func outOfRange() {
        var document = AllowListDocument(text: "name=a\n")
        let edits = [
            document.remove(line: 0), document.remove(line: 2), document.replace(line: 5, with: "x"),
            document.insert("x", at: 3),
        ]
        #expect(edits == [false, false, false, false])
        #expect(document.text() == "name=a\n")
    }

    @Test("lines assigned directly still print, with the usual ending")
    func directAssignment() {
        var document = AllowListDocument(text: "a\r\nb\r\n")
        document.lines.append("c")
        #expect(document.text() == "a\r\nb\r\nc\r\n")
        document.lines = ["x"]
        #expect(document.text() == "x\r\n")
        document.append("y")
        #expect(document.text() == "x\r\ny\r\n")
    }

    @Test("an edited document parses to the edited rules")
    func editThenParse() throws {
        var document = try PolicySamples.list(PolicySamples.designDocExample).document
        document.append(AllowRule.render(terms: [.image(try ImagePattern(parsing: "redis:7"))], keepRunning: false))
        let edited = try PolicySamples.list(document.text())
        #expect(edited.rules.count == 9)
        #expect(edited.rules.last?.text == "image=redis:7")
        #expect(edited.rules.last?.line == 10)
    }
}
