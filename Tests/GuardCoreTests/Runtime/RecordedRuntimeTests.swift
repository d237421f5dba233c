import DockerEngine
import Foundation
import Testing

@testable import GuardCore

/// Runtime facts decoded from create bodies and inspect answers recorded from a real engine
/// (Docker 20.10.24, API 1.41, the docker CLI of Debian's docker.io): `Recorded/create-N.json` is
/// what the CLI sent for `docker create FLAGS busybox:local true`, `inspect-N.json` the inspect of
/// that container. Both sides must give the same facts: the plugin and the enforcer judge alike.
@Suite("Runtime facts from recorded create bodies and inspect answers")
struct RecordedRuntimeTests {
    static func bytes(_ name: String) throws -> [UInt8] {
        let url = try #require(Bundle.module.url(forResource: "Recorded/\(name)", withExtension: "json"))
        return Array(try Data(contentsOf: url))
    }

    static func fromCreate(_ number: Int) throws -> RuntimeFacts {
        try #require(CreateRequestBody.decode(try bytes("create-\(number)"))).runtime
    }

    static func fromInspect(_ number: Int) throws -> RuntimeFacts {
        let details = try JSONDecoder().decode(ContainerDetails.self, from: Data(try bytes("inspect-\(number)")))
        return ContainerRecord(details).runtime
    }

    /// The recordings by number, the flags they were made with, and what baseline finds.
    static let cases: [(Int, String, [RuntimeViolation])] = [
        (1, "--network none", []),
        (2, "--privileged", [.privileged]),
        (3, "-v /:/host", [.sensitiveMount(source: "/", path: "/")]),
        (
            4, "-v /var/run/docker.sock:/var/run/docker.sock",
            [.sensitiveMount(source: "/var/run/docker.sock", path: "/var/run/docker.sock")]
        ),
        (5, "--network host", [.hostNamespace(.network)]),
        (6, "--pid host --ipc host --uts host", [.hostNamespace(.pid), .hostNamespace(.ipc), .hostNamespace(.uts)]),
        (7, "--cap-add SYS_ADMIN --cap-drop NET_RAW", [.capability("SYS_ADMIN", restricted: false)]),
        (8, "--device /dev/fuse", [.device("/dev/fuse")]),
        (
            9, "--security-opt seccomp=unconfined --security-opt apparmor=unconfined",
            [
                .unconfined("seccomp"), .unconfined("apparmor"),
            ]
        ),
        (10, "--user 1000 --cap-drop ALL --cap-add NET_BIND_SERVICE --security-opt no-new-privileges", []),
        (11, "--mount type=bind,source=/srv,target=/data -v namedvol:/vol", []),
    ]

    @Test("create body and inspect give the same facts, and baseline finds the flag's limit", arguments: cases)
    func sameFactsBothWays(_ number: Int, _ flags: String, _ expected: [RuntimeViolation]) throws {
        let created = try Self.fromCreate(number)
        let inspected = try Self.fromInspect(number)
        #expect(created.isKnown && inspected.isKnown, "\(flags)")
        #expect(created.violations(under: .baseline) == expected, "\(flags): create")
        #expect(inspected.violations(under: .baseline) == expected, "\(flags): inspect")
        #expect(created.violations(under: .privileged).isEmpty && inspected.violations(under: .privileged).isEmpty)
        // What the profile looks at agrees (inspect adds what the engine filled in: modes, caps' CAP_).
        #expect(created.privileged == inspected.privileged && created.bindSources == inspected.bindSources, "\(flags)")
        #expect(created.devices == inspected.devices && created.capAdd == inspected.capAdd, "\(flags)")
        // The engine adds `label=disable` to privileged and host-PID/IPC containers itself.
        let given = inspected.securityOptions.filter { $0 != "label=disable" }
        #expect(created.user == inspected.user && created.securityOptions == given, "\(flags)")
    }

    @Test("restricted: the non-root, no-new-privileges, caps-dropped recording passes; a plain one fails four ways")
    func restricted() throws {
        #expect(try Self.fromCreate(10).violations(under: .restricted) == [])
        #expect(try Self.fromInspect(10).violations(under: .restricted) == [])
        let plain = try Self.fromInspect(1).violations(under: .restricted)
        #expect(plain.contains(.rootUser("")) && plain.contains(.newPrivileges))
        #expect(plain.contains(.capability("CHOWN", restricted: true)))
        #expect(!plain.contains(.capability("NET_BIND_SERVICE", restricted: true)))
        #expect(try Self.fromInspect(11).violations(under: .restricted).contains(.hostMount("/srv")))
    }

    @Test("the named volume is no bind mount; --mount type=bind is")
    func volumesAreNotBinds() throws {
        #expect(try Self.fromCreate(11).bindSources == ["/srv"])
        #expect(try Self.fromInspect(11).bindSources == ["/srv"])
    }
}
