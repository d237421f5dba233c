import Testing

@testable import GuardCore

@Suite("Image references")
struct ImageReferenceTests {
    static let digest = "sha256:" + String(repeating: "ab", count: 32)

    static let normalisations: [(written: String, normalized: String)] = [
        ("nginx", "docker.io/library/nginx:latest"),
        ("nginx:1.27", "docker.io/library/nginx:1.27"),
        ("nginx:1.27-alpine_X.y", "docker.io/library/nginx:1.27-alpine_X.y"),
        ("library/nginx", "docker.io/library/nginx:latest"),
        ("docker.io/nginx", "docker.io/library/nginx:latest"),
        ("docker.io/library/nginx:latest", "docker.io/library/nginx:latest"),
        ("index.docker.io/library/nginx", "docker.io/library/nginx:latest"),
        ("index.docker.io/nginx:1", "docker.io/library/nginx:1"),
        ("user/app", "docker.io/user/app:latest"),
        ("user/app:v2", "docker.io/user/app:v2"),
        ("localhost/app", "localhost/app:latest"),
        ("localhost:5000/app", "localhost:5000/app:latest"),
        ("localhost:5000/team/app:1.2", "localhost:5000/team/app:1.2"),
        ("registry.example.com:5000/team/app:1.2", "registry.example.com:5000/team/app:1.2"),
        ("registry.example.com/team/sub/app", "registry.example.com/team/sub/app:latest"),
        ("ghcr.io/owner/repo-name__x.y", "ghcr.io/owner/repo-name__x.y:latest"),
        ("Registry.Example.com/team/app", "Registry.Example.com/team/app:latest"),
        ("[::1]:5000/app", "[::1]:5000/app:latest"),
        ("192.168.1.10:5000/app", "192.168.1.10:5000/app:latest"),
        ("nginx@\(digest)", "docker.io/library/nginx@\(digest)"),
        ("nginx:1.27@\(digest)", "docker.io/library/nginx:1.27@\(digest)"),
        ("ghcr.io/a/b@\(digest)", "ghcr.io/a/b@\(digest)"),
        ("a--b/c", "docker.io/a--b/c:latest"),
        ("localhost:5000", "docker.io/library/localhost:5000"),
    ]

    @Test("references normalise the way Docker does", arguments: normalisations)
    func normalise(_ example: (written: String, normalized: String)) throws {
        #expect(try ImageReference(parsing: example.written).normalized == example.normalized)
    }

    @Test("the parts of a reference")
    func parts() throws {
        let plain = try ImageReference(parsing: "nginx")
        #expect(plain.registry == "docker.io")
        #expect(plain.repository == "library/nginx")
        #expect(plain.tag == "latest")
        #expect(plain.digest == nil)
        #expect(plain.name == "docker.io/library/nginx")

        let pinned = try ImageReference(parsing: "localhost:5000/team/app@\(Self.digest)")
        #expect(pinned.registry == "localhost:5000")
        #expect(pinned.repository == "team/app")
        #expect(pinned.tag == nil)
        #expect(pinned.digest == Self.digest)
    }

    static let invalid: [(written: String, reason: String)] = [
        ("", "it is empty"),
        ("Nginx", "repository name must be lowercase"),
        ("user/App:1", "repository name must be lowercase"),
        ("nginx:", "tag must be 1–128 letters, digits, '_', '.' or '-', not starting with '.' or '-'"),
        ("nginx:-x", "tag must be 1–128 letters, digits, '_', '.' or '-', not starting with '.' or '-'"),
        (
            "nginx:" + String(repeating: "t", count: 129),
            "tag must be 1–128 letters, digits, '_', '.' or '-', not starting with '.' or '-'"
        ),
        ("nginx@sha256:abc", "digest must be sha256: followed by 64 lowercase hex digits"),
        (
            "nginx@md5:" + String(repeating: "a", count: 32),
            "digest must be sha256: followed by 64 lowercase hex digits"
        ),
        ("nginx@" + digest.uppercased(), "digest must be sha256: followed by 64 lowercase hex digits"),
        (":tag", "the repository name is missing"),
        ("a//b", "path component '' must be lowercase letters and digits, separated by '.', '_', '__' or '-'"),
        ("-nginx", "path component '-nginx' must be lowercase letters and digits, separated by '.', '_', '__' or '-'"),
        ("a___b", "path component 'a___b' must be lowercase letters and digits, separated by '.', '_', '__' or '-'"),
        ("my app", "path component 'my app' must be lowercase letters and digits, separated by '.', '_', '__' or '-'"),
        (
            "registry.example.com/",
            "path component '' must be lowercase letters and digits, separated by '.', '_', '__' or '-'"
        ),
        ("bad_host.com/app", "registry 'bad_host.com' is not a host[:port]"),
        ("example.com:port/app", "registry 'example.com:port' is not a host[:port]"),
        (String(repeating: "a", count: 64), "a 64-digit hex string is an image ID, not a repository name"),
        ("x.io/" + String(repeating: "a", count: 300), "repository name is longer than 255 characters"),
    ]

    @Test("invalid references say why", arguments: invalid)
    func rejects(_ example: (written: String, reason: String)) {
        #expect(throws: ImageReferenceError(reference: example.written, reason: example.reason)) {
            try ImageReference(parsing: example.written)
        }
    }

    static let patterns: [(written: String, glob: String)] = [
        ("nginx", "docker.io/library/nginx:latest"),
        ("nginx:1.*", "docker.io/library/nginx:1.*"),
        ("nginx*", "docker.io/library/nginx*"),
        ("nginx:1.2?", "docker.io/library/nginx:1.2?"),
        ("nginx@sha256:*", "docker.io/library/nginx@sha256:*"),
        ("postgres:16*", "docker.io/library/postgres:16*"),
        ("user/*", "docker.io/user/*"),
        ("team/app-?", "docker.io/team/app-?:latest"),
        ("docker.io/*", "docker.io/*"),
        ("index.docker.io/library/redis:*", "docker.io/library/redis:*"),
        ("registry.example.com/team/*", "registry.example.com/team/*"),
        ("localhost:5000/*", "localhost:5000/*"),
        ("*", "*"),
        ("*/nginx:1.27", "*/nginx:1.27"),
        ("*nginx", "*nginx:latest"),
    ]

    @Test("image patterns normalise their literal part", arguments: patterns)
    func patternNormalisation(_ example: (written: String, glob: String)) throws {
        let pattern = try ImagePattern(parsing: example.written)
        #expect(pattern.glob.pattern == example.glob)
        #expect(pattern.source == example.written)
    }

    @Test("image patterns match normalised references")
    func patternMatching() throws {
        func matches(_ pattern: String, _ reference: String) throws -> Bool {
            try ImagePattern(parsing: pattern).matches(anyOf: [ImageReference(parsing: reference).normalized])
        }
        #expect(try matches("nginx", "docker.io/library/nginx:latest"))
        #expect(try matches("nginx", "index.docker.io/nginx"))
        #expect(try !matches("nginx", "nginx:1.27"))
        #expect(try matches("nginx:1.*", "nginx:1.27"))
        #expect(try !matches("nginx:1.*", "nginx:2.0"))
        #expect(try matches("nginx*", "nginx-unprivileged:stable"))
        #expect(try !matches("nginx*", "nginxinc/nginx:1"))
        #expect(try matches("registry.example.com/team/*", "registry.example.com/team/sub/app:1"))
        #expect(try !matches("registry.example.com/team/*", "registry.example.com/other/app:1"))
        #expect(try matches("nginx@sha256:*", "nginx@\(Self.digest)"))
        #expect(try matches("*/nginx:1.27", "ghcr.io/x/nginx:1.27"))
        #expect(try matches("*", "anything/at:all"))
        #expect(try matches("docker.io/*", "user/app:3"))
        #expect(try !matches("docker.io/*", "ghcr.io/user/app:3"))
    }
}
