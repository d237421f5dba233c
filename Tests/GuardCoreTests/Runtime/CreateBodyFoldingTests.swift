import Foundation
import Testing

@testable import GuardCore

/// The engine's Go decoder matches keys in any letter case (with Unicode folding), takes the last
/// of duplicate keys and merges an object given twice. A body that only it reads one way must
/// not read as harmless to the guard.
@Suite("Create bodies read as the engine reads them")
struct CreateBodyFoldingTests {
    static func facts(_ json: String) -> RuntimeFacts? {
        CreateRequestBody.decode(Array(json.utf8))?.runtime
    }

    @Test("keys in another letter case count")
    func letterCase() {
        #expect(Self.facts(#"{"image":"x","hostconfig":{"privileged":true}}"#)?.privileged == true)
        #expect(CreateRequestBody.decode(Array(#"{"iMaGe":"busybox"}"#.utf8))?.image == "busybox")
        // U+017F (long s) folds to s in Go's EqualFold.
        #expect(Self.facts(#"{"Ho\#u{17F}tConfig":{"Privileged":true}}"#)?.privileged == true)
    }

    @Test(
        "keys that fold alike, duplicates, or escaped twins make the facts unknown",
        arguments: [
            #"{"HostConfig":{"Privileged":false,"Privileged":true}}"#,
            #"{"HostConfig":{"Privileged":true},"hostconfig":{}}"#,
            #"{"HostConfig":{"Privileged":true},"HostConfig":{}}"#,
            #"{"HostConfig":{"Privileged":false,"\u0050rivileged":true}}"#,
        ])
    func ambiguous(_ json: String) {
        #expect(Self.facts(json)?.isKnown == false, "\(json)")
    }

    @Test("a field of the wrong shape makes the facts unknown; absent or null fields are defaults")
    func shapes() {
        #expect(Self.facts(#"{"HostConfig":{"Binds":"/:/host"}}"#)?.isKnown == false)
        #expect(Self.facts(#"{"HostConfig":{"Devices":[{"PathOnHost":7}]}}"#)?.isKnown == false)
        #expect(Self.facts(#"{"HostConfig":null}"#) == RuntimeFacts())
        #expect(Self.facts(#"{"Image":"x"}"#) == RuntimeFacts())
        // Labels may repeat a key in another case: labels are a map, not fields, but a body the
        // guard cannot read exactly is unknown all the same.
        #expect(Self.facts(#"{"Labels":{"a":"1","A":"2"}}"#)?.isKnown == false)
    }

    @Test("capabilities are read as the engine reads them: any case, with or without CAP_")
    func capabilities() {
        let facts = Self.facts(#"{"HostConfig":{"CapAdd":["cap_sys_admin","net_admin"]}}"#)
        #expect(facts?.capAdd == ["SYS_ADMIN", "NET_ADMIN"])
        #expect(facts?.violations(under: .baseline).count == 2)
    }
}
