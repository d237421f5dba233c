import Testing

@testable import GuardCore

@Suite("Allow-list errors")
struct AllowListErrorTests {
    static let expectedKeys =
        "(\(PolicySamples.expectedKeys))"

    /// Each line alone in a file, and the one error it must produce.
    static let cases: [(line: String, error: String)] = [
        ("nmae=web-*", "allowlist:1:1: unknown key 'nmae' (did you mean 'name'?)"),
        ("name=web nmae=x", "allowlist:1:10: unknown key 'nmae' (did you mean 'name'?)"),
        ("foo", "allowlist:1:1: unknown key 'foo' \(expectedKeys)"),
        ("name=é nmae=x", "allowlist:1:8: unknown key 'nmae' (did you mean 'name'?)"),
        ("=x", "allowlist:1:1: missing key before '=' \(expectedKeys)"),
        ("name", "allowlist:1:1: 'name' needs a value (expected name=VALUE)"),
        ("name=", "allowlist:1:6: empty value for 'name'"),
        (#"name="""#, "allowlist:1:6: empty value for 'name'"),
        ("name=/", "allowlist:1:6: empty value for 'name'"),
        ("  image=   # nothing", "allowlist:1:9: empty value for 'image'"),
        ("\tid=", "allowlist:1:5: empty value for 'id'"),
        (#"name="my app"#, #"allowlist:1:6: unterminated quote (expected a closing '"' on the same line)"#),
        (#"name=x label="a b # c"#, #"allowlist:1:14: unterminated quote (expected a closing '"' on the same line)"#),
        (#"name="a\""#, #"allowlist:1:6: unterminated quote (expected a closing '"' on the same line)"#),
        ("image=Nginx", "allowlist:1:7: invalid image reference 'Nginx': repository name must be lowercase"),
        (
            "image=nginx:",
            "allowlist:1:7: invalid image reference 'nginx:': tag must be 1–128 letters, digits, "
                + "'_', '.' or '-', not starting with '.' or '-'"
        ),
        (
            "image=nginx@sha256:abc",
            "allowlist:1:7: invalid image reference 'nginx@sha256:abc': "
                + "digest must be sha256: followed by 64 lowercase hex digits"
        ),
        (
            "image=nginx%*",
            "allowlist:1:7: invalid image reference 'nginx%*': a pattern may contain only letters, "
                + "digits, '_', '.', '-', '/', ':', '@', '*' and '?'"
        ),
        ("id=xyz", "allowlist:1:4: id must be 1–64 hex digits of a container ID, not 'xyz'"),
        (
            "id=" + String(repeating: "a", count: 65),
            "allowlist:1:4: id must be 1–64 hex digits of a container ID, not '"
                + String(repeating: "a", count: 60) + "…'"
        ),
        (
            "image-id=sha256:zz",
            "allowlist:1:10: image-id must be 1–64 hex digits, optionally after 'sha256:', not 'sha256:zz'"
        ),
        (
            "keep-running",
            "allowlist:1:1: 'keep-running' needs at least one term on its line "
                + "(name=, image=, image-id=, id= or label=)"
        ),
        (
            "  keep-running   # restart it",
            "allowlist:1:3: 'keep-running' needs at least one term on its line "
                + "(name=, image=, image-id=, id= or label=)"
        ),
        ("name=x keep-running=yes", "allowlist:1:8: 'keep-running' is a flag and takes no value"),
        ("label==v", "allowlist:1:7: empty label key (expected label=KEY or label=KEY=VALUE)"),
    ]

    @Test("each kind of error names its line and column", arguments: cases)
    func singleError(_ example: (line: String, error: String)) {
        #expect(PolicySamples.errors(example.line) == [example.error])
    }

    @Test("every error of a file is reported, in order")
    func allErrorsCollected() {
        let text = """
            # header
            name=ok
            nmae=web
            name=fine    # comment
            id=zz image=
            keep-running
            name="open
            """
        #expect(
            PolicySamples.errors(text) == [
                "allowlist:3:1: unknown key 'nmae' (did you mean 'name'?)",
                "allowlist:5:4: id must be 1–64 hex digits of a container ID, not 'zz'",
                "allowlist:5:13: empty value for 'image'",
                "allowlist:6:1: 'keep-running' needs at least one term on its line "
                    + "(name=, image=, image-id=, id= or label=)",
                #"allowlist:7:6: unterminated quote (expected a closing '"' on the same line)"#,
            ])
    }

    @Test("errors carry path, line, column and message separately")
    func errorFields() throws {
        let failure = try #require(AllowList.parse("\n  bogus", path: "/etc/dockerguard/allow").allowListErrors)
        #expect(
            failure.errors == [
                AllowListError(
                    path: "/etc/dockerguard/allow", line: 2, column: 3,
                    message: "unknown key 'bogus' \(Self.expectedKeys)")
            ])
    }

    @Test("a long error list is described up to a limit")
    func describedLimit() throws {
        let text = Array(repeating: "bogus", count: 150).joined(separator: "\n")
        let failure = try #require(AllowList.parse(text, path: "a").allowListErrors)
        #expect(failure.errors.count == 150)
        let lines = failure.description.split(separator: "\n")
        #expect(lines.count == AllowListErrors.describedLimit + 1)
        #expect(lines.last == "… and 50 more errors")
    }
}

extension Result where Failure == AllowListErrors {
    /// The errors, for tests that expect a parse to fail.
    var allowListErrors: AllowListErrors? {
        if case .failure(let errors) = self { errors } else { nil }
    }
}
