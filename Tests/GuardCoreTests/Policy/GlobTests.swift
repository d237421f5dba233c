import Testing

@testable import GuardCore

@Suite("Glob")
struct GlobTests {
    static let cases: [(pattern: String, text: String, matches: Bool)] = [
        ("web", "web", true),
        ("web", "web1", false),
        ("web", "we", false),
        ("", "", true),
        ("", "x", false),
        ("*", "", true),
        ("*", "any/thing:at all", true),
        ("web-*", "web-1", true),
        ("web-*", "web-", true),
        ("web-*", "api-1", false),
        ("*-db", "orders-db", true),
        ("*-db", "orders-db-2", false),
        ("a*b*c", "abc", true),
        ("a*b*c", "axxbyyc", true),
        ("a*b*c", "axxbyy", false),
        ("a*b*c", "acb", false),
        ("ab*ba", "aba", false),
        ("ab*ba", "abba", true),
        ("?", "x", true),
        ("?", "", false),
        ("?", "xy", false),
        ("web-?", "web-é", true),
        ("w?b-*", "wab-zzz", true),
        ("*?", "", false),
        ("*?", "a", true),
        ("**", "abc", true),
        ("a**b", "ab", true),
        ("*a?c*", "xxabcyy", true),
        ("*a?c*", "xxacyy", false),
        ("registry.example.com/team/*", "registry.example.com/team/sub/app:1", true),
        ("[abc]", "[abc]", true),
        ("[abc]", "a", false),
        ("a.b", "axb", false),
        ("\\*", "\\x", true),
    ]

    @Test("matches the whole text", arguments: cases)
    func matching(_ example: (pattern: String, text: String, matches: Bool)) {
        #expect(Glob(example.pattern).matches(example.text) == example.matches)
    }

    @Test("pathological patterns are matched without exponential backtracking")
    func noExponentialBacktracking() {
        let text = String(repeating: "a", count: 20_000)
        let cases: [(pattern: String, matches: Bool)] = [
            (String(repeating: "a*", count: 50) + "b", false),  // fails at the anchored end
            (String(repeating: "*a", count: 50) + "*b*", false),  // every middle segment, then a full scan for b
            ("*" + String(repeating: "a", count: 100) + "b*", false),  // the O(text × segment) worst case
            (String(repeating: "*a", count: 50) + "*", true),
        ]
        let clock = ContinuousClock()
        for example in cases {
            var result = !example.matches
            let elapsed = clock.measure { result = Glob(example.pattern).matches(text) }
            #expect(result == example.matches)
            #expect(elapsed < .seconds(10), "took \(elapsed)")  // backtracking would take hours, not seconds
            print("glob \(example.pattern.prefix(12))… over 20,000 characters: \(elapsed)")
        }
    }

    @Test("wildcard detection and equality by pattern")
    func properties() {
        #expect(Glob("web-*").hasWildcards)
        #expect(Glob("w?b").hasWildcards)
        #expect(!Glob("web").hasWildcards)
        #expect(Glob("a*") == Glob("a*"))
        #expect(Glob("a*") != Glob("a**"))
        #expect(Set([Glob("x"), Glob("x")]).count == 1)
        #expect(Glob("a*").description == "a*")
    }
}
