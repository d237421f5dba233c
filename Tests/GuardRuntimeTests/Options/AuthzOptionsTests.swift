import ArgumentParser
import GuardCore
import GuardRuntime
import Testing

@Suite("The plugin's options: each command takes only what it uses")
struct AuthzOptionsTests {
    @Test("run --authz takes the name, socket, budget and failure policy")
    func runOptions() throws {
        let options = try AuthzOptions.parse([
            "--authz", "--authz-name", "guard-1", "--authz-budget", "50", "--authz-failure", "deny",
        ])
        #expect(options.authz)
        #expect(options.socketPath == "/run/docker/plugins/guard-1.sock")
        #expect(options.settings(readonly: false).budget == .milliseconds(50))
        #expect(throws: (any Error).self) { try AuthzOptions.parse(["--authz-name", "no spaces"]) }
        #expect(throws: (any Error).self) { try AuthzOptions.parse(["--authz-budget", "0"]) }
    }

    @Test("authz status takes where the plugin is, and refuses a budget or failure policy, which mean nothing there")
    func statusOptions() throws {
        let location = try PluginLocationOptions.parse(["--authz-socket", "/tmp/x.sock"])
        #expect(location.socketPath == "/tmp/x.sock")
        #expect(throws: (any Error).self) { try PluginLocationOptions.parse(["--authz-budget", "50"]) }
        #expect(throws: (any Error).self) { try PluginLocationOptions.parse(["--authz-failure", "deny"]) }
        #expect(throws: (any Error).self) { try PluginLocationOptions.parse(["--authz-name", "a/b"]) }
    }
}
