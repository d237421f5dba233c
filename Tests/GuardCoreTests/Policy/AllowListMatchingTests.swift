import Testing

@testable import GuardCore

@Suite("Allow-list matching")
struct AllowListMatchingTests {
    typealias Sample = PolicySamples

    @Test("name= compares the name without its leading slash")
    func name() throws {
        let list = try Sample.list("name=web-*\nname=/db")
        #expect(list.verdict(for: Sample.subject(name: "/web-1")).isAllowed)
        #expect(list.verdict(for: Sample.subject(name: "web-2")).isAllowed)
        #expect(list.verdict(for: Sample.subject(name: "/db")).isAllowed)
        #expect(!list.verdict(for: Sample.subject(name: "/api")).isAllowed)
        #expect(!list.verdict(for: Sample.subject(name: "/db-old")).isAllowed)
    }

    @Test("image= compares normalised references")
    func image() throws {
        let list = try Sample.list("image=nginx:1.27\nimage=registry.example.com/team/*")
        #expect(list.verdict(for: Sample.subject(image: "nginx:1.27")).isAllowed)
        #expect(list.verdict(for: Sample.subject(image: "docker.io/library/nginx:1.27")).isAllowed)
        #expect(!list.verdict(for: Sample.subject(image: "nginx:1.26")).isAllowed)
        #expect(!list.verdict(for: Sample.subject(image: "nginx")).isAllowed)
        #expect(list.verdict(for: Sample.subject(image: "registry.example.com/team/app:2")).isAllowed)
        #expect(!list.verdict(for: Sample.subject(image: "registry.example.com/other/app:2")).isAllowed)
    }

    @Test("image= also matches the image's other tags and digests")
    func imageAliases() throws {
        let digest = "sha256:" + String(repeating: "cd", count: 32)
        let list = try Sample.list("image=nginx:1.27\nimage=redis@\(digest)")
        let byDigest = Sample.subject(
            image: "nginx@sha256:" + String(repeating: "ef", count: 32), aliases: ["nginx:1.27"])
        #expect(list.verdict(for: byDigest).isAllowed)
        let byTag = Sample.subject(image: "redis:7", aliases: ["redis:7", "redis@\(digest)"])
        #expect(list.verdict(for: byTag).isAllowed)
        // An image created as name:tag@digest counts as both name:tag and name@digest.
        #expect(list.verdict(for: Sample.subject(image: "nginx:1.27@\(digest)")).isAllowed)
        #expect(list.verdict(for: Sample.subject(image: "redis:6@\(digest)")).isAllowed)
        #expect(!list.verdict(for: Sample.subject(image: "redis:7", aliases: ["redis:latest"])).isAllowed)
    }

    @Test("a container created from a bare image ID can still match by image-id")
    func imageCreatedByID() throws {
        let list = try Sample.list("image-id=4f2a\nimage=nginx")
        let subject = Sample.subject(
            image: "sha256:4f2a" + String(repeating: "0", count: 60),
            imageID: "sha256:4f2a" + String(repeating: "0", count: 60))
        #expect(list.verdict(for: subject).rule?.line == 1)
    }

    @Test("image-id= and id= are hex prefixes, case-insensitive")
    func hexPrefixes() throws {
        let list = try Sample.list("image-id=sha256:4F2A\nid=3f2a9c1b77e0")
        #expect(list.verdict(for: Sample.subject(imageID: "sha256:4f2a99")).isAllowed)
        #expect(list.verdict(for: Sample.subject(imageID: "4F2A99")).isAllowed)
        #expect(!list.verdict(for: Sample.subject(imageID: "sha256:4f2b99")).isAllowed)
        #expect(list.verdict(for: Sample.subject(id: "3F2A9C1B77E0" + String(repeating: "0", count: 52))).isAllowed)
        #expect(!list.verdict(for: Sample.subject(id: "3f2a9c")).isAllowed)
    }

    @Test("label=KEY needs the label; label=KEY=GLOB needs its value to match")
    func labels() throws {
        let list = try Sample.list("label=com.example.managed\nlabel=tier=back*")
        #expect(list.verdict(for: Sample.subject(labels: ["com.example.managed": ""])).isAllowed)
        #expect(list.verdict(for: Sample.subject(labels: ["tier": "backend"])).isAllowed)
        #expect(!list.verdict(for: Sample.subject(labels: ["tier": "frontend"])).isAllowed)
        #expect(!list.verdict(for: Sample.subject(labels: ["com.example.other": "x"])).isAllowed)
        #expect(!list.verdict(for: Sample.subject()).isAllowed)
    }

    @Test("all terms of a rule must match")
    func andOfTerms() throws {
        let list = try Sample.list("name=db image=postgres:16* label=env=prod")
        let good = Sample.subject(name: "/db", image: "postgres:16.4", labels: ["env": "prod"])
        #expect(list.verdict(for: good).isAllowed)
        var wrongImage = good
        wrongImage.imageRef = "postgres:15"
        #expect(!list.verdict(for: wrongImage).isAllowed)
        var wrongName = good
        wrongName.name = "/db2"
        #expect(!list.verdict(for: wrongName).isAllowed)
        var noLabel = good
        noLabel.labels = [:]
        #expect(!list.verdict(for: noLabel).isAllowed)
        // Duplicate keys are ANDed too.
        let both = try Sample.list("name=web-* name=*-1")
        #expect(both.verdict(for: Sample.subject(name: "web-1")).isAllowed)
        #expect(!both.verdict(for: Sample.subject(name: "web-2")).isAllowed)
    }

    @Test("any matching rule allows; the verdict names it")
    func orOfRules() throws {
        let list = try Sample.list("# header\nname=web-*   # front\n\nimage=redis\n", path: "/etc/dg/allow")
        let web = list.verdict(for: Sample.subject(name: "/web-1"))
        #expect(web == .allowed(rule: list.rules[0], location: "/etc/dg/allow:2"))
        #expect(web.reason == "allowed by /etc/dg/allow:2 (name=web-*)")
        let redis = list.verdict(for: Sample.subject(image: "redis:latest"))
        #expect(redis.rule?.line == 4)
        #expect(redis.reason == "allowed by /etc/dg/allow:4 (image=redis)")
        let other = list.verdict(for: Sample.subject(name: "/x"))
        #expect(other == .violating)
        #expect(other.reason == "no rule matches")
        #expect(!other.keepRunning)
    }

    @Test("keep-running applies when any matching rule asks for it")
    func keepRunning() throws {
        let list = try Sample.list("image=worker\nname=worker-* keep-running\nname=worker-*")
        let verdict = list.verdict(for: Sample.subject(name: "worker-1", image: "worker"))
        #expect(verdict.keepRunning)
        #expect(verdict.rule?.line == 2)
        let plain = list.verdict(for: Sample.subject(name: "other", image: "worker"))
        #expect(!plain.keepRunning)
        #expect(plain.rule?.line == 1)
    }

    @Test("the empty list allows nothing")
    func emptyAllowsNothing() {
        #expect(AllowList.empty.verdict(for: Sample.subject()) == .violating)
    }

    @Test("a rule and a term can be checked on their own")
    func ruleAndTermMatching() throws {
        let rule = AllowRule(terms: [.name(Glob("a*")), .label(key: "k", value: nil)], path: "p", line: 7)
        #expect(rule.text == "name=a* label=k")
        #expect(rule.location == "p:7")
        #expect(rule.matches(Sample.subject(name: "/abc", labels: ["k": "v"])))
        #expect(!rule.matches(Sample.subject(name: "/abc")))
        #expect(RuleTerm.name(Glob("a*")).matches(Sample.subject(name: "ab")))
    }
}
