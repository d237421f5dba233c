import Foundation
import GuardCore
import GuardRuntime
import Testing

@Suite("Settings paths follow XDG, with /etc as the allow-list fallback")
struct SettingsPathTests {
    @Test("the default config file is under XDG_CONFIG_HOME, else ~/.config")
    func defaultConfigPath() {
        #expect(
            SettingsLoader.defaultConfigPath(environment: ["HOME": "/home/ann"])
                == "/home/ann/.config/dockerguard/config.yaml")
        #expect(
            SettingsLoader.defaultConfigPath(environment: ["HOME": "/home/ann", "XDG_CONFIG_HOME": "/cfg"])
                == "/cfg/dockerguard/config.yaml")
        #expect(
            SettingsLoader.defaultConfigPath(environment: ["HOME": "/home/ann", "XDG_CONFIG_HOME": "/cfg/"])
                == "/cfg/dockerguard/config.yaml")
    }

    @Test("an empty or relative XDG variable is ignored, as the spec says")
    func invalidXDG() {
        #expect(
            SettingsLoader.defaultConfigPath(environment: ["HOME": "/h", "XDG_CONFIG_HOME": ""])
                == "/h/.config/dockerguard/config.yaml")
        #expect(
            SettingsLoader.defaultConfigPath(environment: ["HOME": "/h", "XDG_CONFIG_HOME": "cfg"])
                == "/h/.config/dockerguard/config.yaml")
    }

    @Test("XDG_CONFIG_HOME and XDG_STATE_HOME move the config file, allow-list and audit log")
    func xdgDirectories() throws {
        let sandbox = try SettingsSandbox()
        sandbox.environment["XDG_CONFIG_HOME"] = sandbox.root + "/cfg"
        sandbox.environment["XDG_STATE_HOME"] = sandbox.root + "/state"
        let path = try sandbox.write("theme: mono\n", to: sandbox.root + "/cfg/dockerguard/config.yaml")
        let settings = try sandbox.load()
        #expect(settings.configFile == path)
        #expect(settings.theme == "mono")
        #expect(settings.allowlistPath == sandbox.root + "/cfg/dockerguard/allowlist")
        #expect(settings.auditLogPath == sandbox.root + "/state/dockerguard/audit.jsonl")
    }

    @Test("without XDG variables: ~/.config and ~/.local/state")
    func homeDefaults() throws {
        let sandbox = try SettingsSandbox()
        let settings = try sandbox.load()
        #expect(settings.allowlistPath == sandbox.home + "/.config/dockerguard/allowlist")
        #expect(settings.auditLogPath == sandbox.home + "/.local/state/dockerguard/audit.jsonl")
    }

    @Test("the system allow-list is the default only when the user has none")
    func systemAllowlistFallback() throws {
        let sandbox = try SettingsSandbox()
        let system = try sandbox.write("busybox:*\n", to: sandbox.systemDirectory + "/allowlist")
        #expect(try sandbox.load().allowlistPath == system)
        #expect(try sandbox.load().sources["allowlist"] == "default")

        try sandbox.write("nginx:*\n", to: sandbox.userAllowlist)
        #expect(try sandbox.load().allowlistPath == sandbox.userAllowlist)
    }

    @Test("a configured allow-list wins over both defaults")
    func configuredAllowlist() throws {
        let sandbox = try SettingsSandbox()
        try sandbox.write("busybox:*\n", to: sandbox.systemDirectory + "/allowlist")
        let settings = try sandbox.load(flags: ["allowlist": "/srv/allow"])
        #expect(settings.allowlistPath == "/srv/allow")
    }

    @Test("a leading ~ in a configured path means HOME")
    func tildeExpansion() throws {
        let sandbox = try SettingsSandbox()
        try sandbox.writeConfig("allowlist: ~/guard/allow\naudit-log: ~/audit.jsonl\n")
        let settings = try sandbox.load()
        #expect(settings.allowlistPath == sandbox.home + "/guard/allow")
        #expect(settings.auditLogPath == sandbox.home + "/audit.jsonl")
    }
}
