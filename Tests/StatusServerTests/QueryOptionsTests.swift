import Testing

@testable import StatusServer

@Suite("QueryOptions")
struct QueryOptionsTests {
    @Test("percent-decoding and booleans")
    func decoding() throws {
        let options = try QueryOptions("all=%74rue", allowed: ["all"])
        #expect(try options.bool("all"))
        #expect(try !QueryOptions(nil, allowed: ["all"]).bool("all"))
    }

    @Test("a broken escape or invalid UTF-8 is malformed", arguments: ["all=%zz", "all=%f", "all=%ff%fe", "%=1"])
    func malformed(query: String) {
        #expect(throws: QueryOptions.Problem.self) { try QueryOptions(Substring(query), allowed: ["all"]) }
    }
}
