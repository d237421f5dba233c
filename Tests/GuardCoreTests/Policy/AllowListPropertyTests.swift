import PropertyBased
import Testing

@testable import GuardCore

/// Generators for the property tests.
enum PolicyGenerators {
    /// Characters the parser treats specially, weighted into random text so that it reaches every path.
    static let tricky: [Character] = [
        "n", "a", "m", "e", "i", "g", "d", "l", "b", "k", "p", "r", "u", "=", "-", "\"", "\\", "#", " ", "\t",
        "*", "?", "/", ":", "@", ".", "\n", "\r\n", "\r", "\0", "\u{7F}", "é", "日", "\u{FEFF}", "0", "f",
    ]

    static let keywords = ["name=", "image=", "image-id=", "id=", "label=", "keep-running", "# ", "\"", "\n"]

    /// Arbitrary text leaning towards allow-list syntax.
    static let text = Gen<Character>.oneOf(
        Gen<Character?>.element(of: tricky).map { $0! },
        Gen<Character>.character(in: " "..."~"),
        Gen<Character>.character(in: "\u{80}"..."\u{D7FF}")
    ).string(of: 0...120)

    static let textWithKeywords = zip(text, Gen<String?>.element(of: keywords).map { $0! }, text)
        .map { $0 + $1 + $2 }

    static let bytes = Gen<UInt8>.value().array(of: 0...300)

    /// Printable text that a rule value may hold: no control characters.
    static let valueText = Gen<Character>.oneOf(
        Gen<Character>.character(in: " "..."~"),
        Gen<Character?>.element(of: ["é", "日", "\u{FEFF}", "\"", "\\", "#", "=", " ", "\t"] as [Character]).map { $0! }
    ).string(of: 1...16)

    static let hex = Gen<Character?>.element(of: Array("0123456789abcdef")).map { $0! }.string(of: 1...64)

    static let imageSource = zip(
        Gen<String?>.element(of: [
            "", "ghcr.io/", "localhost:5000/", "registry.example.com:5000/", "docker.io/", "index.docker.io/",
        ]),
        Gen<String?>.element(of: ["nginx", "team/app", "a/b/c", "my-app_x.y", "app*", "*", "te?m/*"]),
        Gen<String?>.element(of: [
            "", ":1.27", ":latest", ":v1-rc.2", ":1.*", "@sha256:" + String(repeating: "0a", count: 32),
        ])
    ).map { $0.0! + $0.1! + $0.2! }

    static let term = Gen<RuleTerm>.oneOf(
        valueText.filter { !$0.hasPrefix("/") }.map { RuleTerm.name(Glob($0)) },
        imageSource.compactMap { (try? ImagePattern(parsing: $0)).map(RuleTerm.image) },
        hex.map { RuleTerm.imageID($0) },
        hex.map { RuleTerm.id($0) },
        zip(valueText.filter { !$0.contains("=") }, valueText.optional)
            .map { RuleTerm.label(key: $0, value: $1.map(Glob.init)) }
    )
}

@Suite("Allow-list properties")
struct AllowListPropertyTests {
    @Test("the parser never crashes on arbitrary text, and accepted text survives unedited")
    func arbitraryText() async {
        await propertyCheck(count: 500, input: PolicyGenerators.textWithKeywords) { text in
            switch AllowList.parse(text, path: "p") {
            case .success(let list):
                let expected = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
                #expect(list.document.text() == expected)
                #expect(list.rules.allSatisfy { $0.line >= 1 && $0.line <= list.document.lines.count })
            case .failure(let errors):
                #expect(!errors.errors.isEmpty)
                #expect(errors.errors.allSatisfy { $0.line >= 1 && $0.column >= 1 && $0.path == "p" })
            }
        }
    }

    @Test("the parser never crashes on arbitrary bytes")
    func arbitraryBytes() async {
        await propertyCheck(count: 500, input: PolicyGenerators.bytes) { bytes in
            switch AllowList.parse(bytes: bytes, path: "p") {
            case .success(let list):
                #expect(list.rules.allSatisfy { $0.line >= 1 })
            case .failure(let errors):
                #expect(errors.errors.allSatisfy { $0.line >= 1 && $0.column >= 1 })
            }
        }
    }

    @Test("a rendered rule parses back to the same terms")
    func renderRoundTrip() async {
        await propertyCheck(count: 500, input: PolicyGenerators.term.array(of: 1...5), Gen.bool) { terms, keepRunning in
            let line = AllowRule.render(terms: terms, keepRunning: keepRunning)
            switch AllowList.parse(line + "  # comment", path: "p") {
            case .success(let list):
                #expect(list.rules.count == 1)
                #expect(list.rules.first?.terms == terms)
                #expect(list.rules.first?.keepRunning == keepRunning)
                #expect(list.rules.first?.text == line)
            case .failure(let errors):
                Issue.record("\(line) did not parse: \(errors)")
            }
        }
    }

    @Test("a glob without wildcards matches exactly itself")
    func literalGlob() async {
        let literal = Gen<Character>.oneOf(
            Gen<Character>.character(in: " "..."~"),
            Gen<Character>.character(in: "\u{80}"..."\u{D7FF}")
        ).string(of: 0...40).filter { !Glob.containsWildcards($0) }
        await propertyCheck(count: 500, input: literal) { text in
            let glob = Glob(text)
            #expect(!glob.hasWildcards)
            #expect(glob.matches(text))
            #expect(!glob.matches(text + "x"))
            #expect(text.isEmpty || !glob.matches(String(text.dropLast())))
        }
    }

    @Test("glob matching agrees with a naive backtracking matcher")
    func globAgreesWithReference() async {
        let pattern = Gen<Character?>.element(of: Array("ab*?")).map { $0! }.string(of: 0...8)
        let text = Gen<Character?>.element(of: Array("ab")).map { $0! }.string(of: 0...10)
        await propertyCheck(count: 1000, input: pattern, text) { pattern, text in
            #expect(Glob(pattern).matches(text) == naiveMatch(Array(pattern), Array(text)))
        }
    }

    @Test("normalising a normalised reference changes nothing")
    func normalisationIsIdempotent() async {
        await propertyCheck(count: 300, input: PolicyGenerators.imageSource) { source in
            guard !Glob.containsWildcards(source), let reference = try? ImageReference(parsing: source) else { return }
            #expect((try? ImageReference(parsing: reference.normalized)) == reference)
        }
    }
}

/// The textbook exponential matcher, trusted for tiny inputs.
private func naiveMatch(_ pattern: [Character], _ text: [Character]) -> Bool {
    guard let head = pattern.first else { return text.isEmpty }
    switch head {
    case "*":
        return (0...text.count).contains { naiveMatch(Array(pattern.dropFirst()), Array(text.dropFirst($0))) }
    case "?":
        return !text.isEmpty && naiveMatch(Array(pattern.dropFirst()), Array(text.dropFirst()))
    default:
        return text.first == head && naiveMatch(Array(pattern.dropFirst()), Array(text.dropFirst()))
    }
}
