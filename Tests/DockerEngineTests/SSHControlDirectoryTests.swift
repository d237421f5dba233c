import Foundation
import Glibc
import Testing

@testable import DockerEngine

@Suite("ssh's ControlPath folder")
struct SSHControlDirectoryTests {
    @Test("under XDG_RUNTIME_DIR when a socket fits; /tmp when it is unset, empty or too long")
    func choice() {
        #expect(
            SSHControlDirectory.path(runtimeDirectory: "/run/user/1000", uid: 1000)
                == "/run/user/1000/dockerguard-ssh-1000")
        #expect(SSHControlDirectory.path(runtimeDirectory: nil, uid: 0) == "/tmp/dockerguard-ssh-0")
        #expect(SSHControlDirectory.path(runtimeDirectory: "", uid: 0) == "/tmp/dockerguard-ssh-0")
        let long = "/home/someone/a/very/deep/checkout/of/a/project/with/a/long/runtime/folder"
        #expect(SSHControlDirectory.path(runtimeDirectory: long, uid: 0) == "/tmp/dockerguard-ssh-0")
        // The longest folder that is kept still leaves room for ssh's temporary socket name.
        let fits = "/" + String(repeating: "r", count: 107 - 58 - "/dockerguard-ssh-0".count - 1)
        let kept = SSHControlDirectory.path(runtimeDirectory: fits, uid: 0)
        #expect(kept.hasPrefix(fits) && kept.utf8.count + 58 == 107)
        #expect(SSHControlDirectory.path(runtimeDirectory: fits + "r", uid: 0) == "/tmp/dockerguard-ssh-0")
    }

    @Test("the folder is made 0700; one that is not private is replaced by a fresh one")
    func privateFolder() throws {
        let base = NSTemporaryDirectory() + "dg-ctl-\(UUID().uuidString.prefix(6))"
        defer { try? FileManager.default.removeItem(atPath: base) }
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        let made = SSHControlDirectory.prepare(base + "/mine")
        #expect(made == base + "/mine")
        #expect(SSHControlDirectory.isPrivate(made))

        let open = base + "/open"
        mkdir(open, 0o777)
        chmod(open, 0o777)
        let replaced = SSHControlDirectory.prepare(open)
        defer { rmdir(replaced) }
        #expect(replaced != open && replaced.hasPrefix("/tmp/dockerguard-ssh-"))
        #expect(SSHControlDirectory.isPrivate(replaced))
    }
}
