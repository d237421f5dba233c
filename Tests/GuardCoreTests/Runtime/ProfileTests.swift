import Testing

@testable import GuardCore

@Suite("Security profiles and the terms that lift their limits")
struct ProfileTests {
    static func list(_ text: String, profile: SecurityProfile = .baseline) throws -> AllowList {
        try AllowList.parse(text, path: "allowlist").get().with(profile: profile)
    }

    static func subject(_ runtime: RuntimeFacts) -> MatchSubject {
        MatchSubject(id: "ab12", name: "/web", imageRef: "nginx:1.27", runtime: runtime)
    }

    @Test("a privileged container under an image rule: limited, and the message names the limit and the rule")
    func message() throws {
        let verdict = try Self.list("# c\n\nimage=nginx:1.27\n").verdict(
            for: Self.subject(RuntimeFacts(privileged: true)))
        #expect(!verdict.isAllowed)
        #expect(verdict.violations == [.privileged])
        #expect(
            verdict.reason
                == "privileged is not allowed by profile baseline "
                + "(allowlist:3 allows image=nginx:1.27 without 'privileged')")
    }

    @Test(
        "each flag's limit is lifted by its term, and only by it",
        arguments: [
            (RuntimeFacts(privileged: true), "privileged"),
            (RuntimeFacts(bindSources: ["/"]), "mount=/"),
            (RuntimeFacts(bindSources: ["/var/run/docker.sock"]), "mount=/var/run/docker.sock"),
            (RuntimeFacts(networkMode: "host"), "host-network"),
            (RuntimeFacts(pidMode: "host"), "host-pid"),
            (RuntimeFacts(ipcMode: "host"), "host-ipc"),
            (RuntimeFacts(utsMode: "host"), "host-uts"),
            (RuntimeFacts(capAdd: ["SYS_ADMIN"]), "cap=SYS_ADMIN"),
            (RuntimeFacts(devices: ["/dev/fuse"]), "device=/dev/fuse"),
            (RuntimeFacts(securityOptions: ["seccomp=unconfined"]), "seccomp=unconfined"),
            (RuntimeFacts(securityOptions: ["apparmor:unconfined"]), "apparmor=unconfined"),
        ])
    func lifting(_ facts: RuntimeFacts, _ term: String) throws {
        #expect(!(try Self.list("name=web\n").verdict(for: Self.subject(facts)).isAllowed), "\(term)")
        #expect(try Self.list("name=web \(term)\n").verdict(for: Self.subject(facts)).isAllowed, "\(term)")
        #expect(try Self.list("name=web\n", profile: .privileged).verdict(for: Self.subject(facts)).isAllowed)
        #expect(try Self.list("name=web profile=privileged\n").verdict(for: Self.subject(facts)).isAllowed)
        // The term proposed for the violation is the one that lifts it.
        let proposed = try Self.list("name=web\n").verdict(for: Self.subject(facts)).liftingTerms
        #expect(proposed.map(AllowRule.render(term:)) == [term])
    }

    @Test(
        "sensitive paths: inside, above, and globs that would cover them",
        arguments: [
            ("/etc/shadow", "mount=/etc/*", false), ("/etc/shadow", "mount=/etc/shadow", true),
            ("/var", "mount=/var", true), ("/var", "mount=/v*", false), ("/run", "mount=/run", true),
            ("/var/lib/docker/volumes", "mount=/var/lib/*", false),
            ("/srv/../etc", "mount=/etc", true),
        ])
    func sensitive(_ source: String, _ term: String, _ lifted: Bool) throws {
        let facts = RuntimeFacts(bindSources: [source])
        #expect(!(try Self.list("name=web\n").verdict(for: Self.subject(facts)).isAllowed), "\(source)")
        #expect(try Self.list("name=web \(term)\n").verdict(for: Self.subject(facts)).isAllowed == lifted)
    }

    @Test("non-sensitive mounts pass baseline; restricted wants a mount= term for each")
    func plainMounts() throws {
        let facts = RuntimeFacts(
            capDrop: ["ALL"], bindSources: ["/srv/data"], securityOptions: ["no-new-privileges"], user: "1000")
        #expect(try Self.list("name=web\n").verdict(for: Self.subject(facts)).isAllowed)
        #expect(!(try Self.list("name=web\n", profile: .restricted).verdict(for: Self.subject(facts)).isAllowed))
        #expect(
            try Self.list("name=web mount=/srv/*\n", profile: .restricted).verdict(for: Self.subject(facts)).isAllowed)
    }

    @Test("restricted: root refused unless user=root; a name cannot be told from root; caps must be dropped")
    func restricted() throws {
        let good = RuntimeFacts(capDrop: ["ALL"], securityOptions: ["no-new-privileges:true"], user: "1000:1000")
        let list = try Self.list("name=web\n", profile: .restricted)
        #expect(list.verdict(for: Self.subject(good)).isAllowed)
        var root = good
        root.user = "0"
        #expect(list.verdict(for: Self.subject(root)).violations == [.rootUser("0")])
        #expect(try Self.list("name=web user=root\n", profile: .restricted).verdict(for: Self.subject(root)).isAllowed)
        var named = good
        named.user = "nginx"
        #expect(!list.verdict(for: Self.subject(named)).isAllowed)
        var keptCaps = good
        keptCaps.capDrop = ["NET_RAW"]
        #expect(list.verdict(for: Self.subject(keptCaps)).violations.contains(.capability("CHOWN", restricted: true)))
        var withBind = good
        withBind.capAdd = ["NET_BIND_SERVICE"]
        #expect(list.verdict(for: Self.subject(withBind)).isAllowed)
    }

    @Test("a later rule that lifts the limit allows; keep-running among allowing rules still wins")
    func severalRules() throws {
        let facts = RuntimeFacts(networkMode: "host")
        let list = try Self.list("image=nginx:*\nname=web host-network\nname=web host-network keep-running\n")
        let verdict = list.verdict(for: Self.subject(facts))
        #expect(verdict.rule?.line == 3)
        #expect(try Self.list("image=nginx:*\nname=db host-network\n").verdict(for: Self.subject(facts)).rule == nil)
    }

    @Test("an unknown configuration fails baseline and restricted, never privileged")
    func unknown() throws {
        let subject = Self.subject(.unknown)
        #expect(try Self.list("name=web privileged\n").verdict(for: subject).violations == [.unknownConfiguration])
        #expect(try Self.list("name=web\n", profile: .privileged).verdict(for: subject).isAllowed)
    }

    @Test(
        "lifting terms parse, render back, and are errors alone or misspelt",
        arguments: [
            ("name=a cap=net_admin", nil, "name=a cap=NET_ADMIN"),
            ("name=a privileged host-network host-pid host-ipc host-uts", nil, nil),
            ("name=a mount=/srv/data* device=/dev/fuse user=root seccomp=unconfined profile=privileged", nil, nil),
            ("name=a cap=NET_ADIMN", "unknown capability 'NET_ADIMN' (did you mean 'NET_ADMIN'?", nil),
            ("name=a cap=SYS_ADMN", "did you mean 'SYS_ADMIN'?", nil),
            ("privileged", "a rule needs a term that says which containers it is for", nil),
            ("cap=NET_ADMIN keep-running", "a rule needs a term", nil),
            ("name=a mount=srv", "mount must be an absolute host path", nil),
            ("name=a profile=baseilne", "did you mean 'baseline'?", nil),
            ("name=a privileged=yes", "'privileged' is a flag and takes no value", nil),
            ("name=a seccomp=default", "seccomp takes 'unconfined'", nil),
            ("name=a user=nginx", "user takes 'root'", nil),
        ] as [(String, String?, String?)])
    func parsing(_ line: String, _ error: String?, _ rendered: String?) throws {
        switch AllowList.parse(line + "\n", path: "l") {
        case .success(let list):
            #expect(error == nil, "\(line) parsed")
            let rule = try #require(list.rules.first)
            let text = AllowRule.render(terms: rule.terms, keepRunning: rule.keepRunning)
            #expect(text == (rendered ?? line))
            #expect(try AllowList.parse(text + "\n", path: "l").get().rules.first?.terms == rule.terms)
        case .failure(let errors):
            let message = errors.errors.first?.description ?? ""
            #expect(error.map(message.contains) == true, "\(line): \(message)")
        }
    }

    @Test("a plain container is judged without working out any limit")
    func plainIsCheap() {
        #expect(RuntimeFacts().isPlain)
        #expect(RuntimeFacts().violations(under: .baseline).isEmpty)
        #expect(!RuntimeFacts(user: "0").violations(under: .restricted).isEmpty)
    }
}
