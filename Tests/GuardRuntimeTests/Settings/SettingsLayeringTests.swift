import Foundation
import GuardCore
import GuardRuntime
import Testing

@Suite("Settings layers: defaults < file < environment < flags")
struct SettingsLayeringTests {
    static let fullFile = """
        mode: enforce
        action: kill
        stop-timeout: 30
        listen: "0.0.0.0:9090"
        allowlist: /srv/guard/allowlist
        audit-log: /var/log/dockerguard/audit.jsonl
        audit-log-max-bytes: 1048576
        resync-interval: 120
        readonly: true
        theme: solarized
        engine: tcp://docker.internal:2375
        profile: restricted
        """

    @Test("with no file, variables or flags, every setting is its default")
    func defaults() throws {
        let sandbox = try SettingsSandbox()
        let settings = try sandbox.load()
        var expected = GuardSettings(allowlistPath: sandbox.userAllowlist, auditLogPath: sandbox.defaultAuditLog)
        expected.sources = Dictionary(uniqueKeysWithValues: SettingKey.allCases.map { ($0.rawValue, "default") })
        #expect(settings == expected)
        #expect(settings.mode == .audit)
        #expect(settings.profile == .baseline)
        #expect(settings.action == .stop)
        #expect(settings.stopTimeout == 10)
        #expect(settings.listen == "127.0.0.1:8080")
        #expect(settings.auditLogMaxBytes == 10 * 1024 * 1024)
        #expect(settings.resyncInterval == 60)
        #expect(settings.readonly == false)
        #expect(settings.theme == "default")
        #expect(settings.engine == nil)
        #expect(settings.configFile == nil)
        #expect(settings.warnings.isEmpty)
    }

    @Test("the file at the default path sets every key and is named as their source")
    func fileOnly() throws {
        let sandbox = try SettingsSandbox()
        let path = try sandbox.writeConfig(Self.fullFile)
        let settings = try sandbox.load()
        #expect(settings.mode == .enforce)
        #expect(settings.action == .kill)
        #expect(settings.stopTimeout == 30)
        #expect(settings.listen == "0.0.0.0:9090")
        #expect(settings.allowlistPath == "/srv/guard/allowlist")
        #expect(settings.auditLogPath == "/var/log/dockerguard/audit.jsonl")
        #expect(settings.auditLogMaxBytes == 1_048_576)
        #expect(settings.resyncInterval == 120)
        #expect(settings.readonly == true)
        #expect(settings.theme == "solarized")
        #expect(settings.engine == "tcp://docker.internal:2375")
        #expect(settings.profile == .restricted)
        #expect(settings.configFile == path)
        #expect(Set(settings.sources.values) == ["file:" + path])
        #expect(settings.sources.count == SettingKey.allCases.count)
    }

    @Test("an explicit --config path is read instead of the default one")
    func explicitConfig() throws {
        let sandbox = try SettingsSandbox()
        try sandbox.writeConfig("mode: confirm\n")
        let other = try sandbox.write("mode: enforce\n", to: sandbox.root + "/elsewhere.yaml")
        let settings = try sandbox.load(config: other)
        #expect(settings.mode == .enforce)
        #expect(settings.sources["mode"] == "file:" + other)
        #expect(settings.configFile == other)
    }

    @Test("environment variables override the file, key by key")
    func environmentOverFile() throws {
        let sandbox = try SettingsSandbox()
        let path = try sandbox.writeConfig(Self.fullFile)
        let settings = try sandbox.load(env: [
            "DOCKERGUARD_MODE": "confirm", "DOCKERGUARD_STOP_TIMEOUT": "5", "DOCKERGUARD_READONLY": "false",
        ])
        #expect(settings.mode == .confirm)
        #expect(settings.stopTimeout == 5)
        #expect(settings.readonly == false)
        #expect(settings.action == .kill)
        #expect(settings.sources["mode"] == "env:DOCKERGUARD_MODE")
        #expect(settings.sources["stop-timeout"] == "env:DOCKERGUARD_STOP_TIMEOUT")
        #expect(settings.sources["readonly"] == "env:DOCKERGUARD_READONLY")
        #expect(settings.sources["action"] == "file:" + path)
    }

    @Test("flags override environment variables and the file")
    func flagsOverEnvironment() throws {
        let sandbox = try SettingsSandbox()
        let path = try sandbox.writeConfig(Self.fullFile)
        let settings = try sandbox.load(
            env: ["DOCKERGUARD_MODE": "confirm", "DOCKERGUARD_THEME": "mono"],
            flags: ["mode": "audit", "stop-timeout": "0", "listen": ":8181"])
        #expect(settings.mode == .audit)
        #expect(settings.stopTimeout == 0)
        #expect(settings.listen == ":8181")
        #expect(settings.theme == "mono")
        #expect(settings.resyncInterval == 120)
        #expect(settings.sources["mode"] == "flag:--mode")
        #expect(settings.sources["stop-timeout"] == "flag:--stop-timeout")
        #expect(settings.sources["listen"] == "flag:--listen")
        #expect(settings.sources["theme"] == "env:DOCKERGUARD_THEME")
        #expect(settings.sources["resync-interval"] == "file:" + path)
    }

    @Test("sources name all four layers at once")
    func sourcesMixed() throws {
        let sandbox = try SettingsSandbox()
        let path = try sandbox.writeConfig("action: remove\n")
        let settings = try sandbox.load(env: ["DOCKERGUARD_THEME": "mono"], flags: ["readonly": "yes"])
        #expect(
            settings.sources == [
                "mode": "default", "action": "file:" + path, "stop-timeout": "default", "listen": "default",
                "allowlist": "default", "audit-log": "default", "audit-log-max-bytes": "default",
                "resync-interval": "default", "readonly": "flag:--readonly", "theme": "env:DOCKERGUARD_THEME",
                "engine": "default", "profile": "default",
            ])
    }

    @Test("every key can be set by its DOCKERGUARD_ variable", arguments: SettingKey.allCases)
    func everyVariable(key: SettingKey) throws {
        let values: [SettingKey: String] = [
            .mode: "enforce", .action: "remove", .stopTimeout: "3", .listen: "[::1]:9000", .allowlist: "/a",
            .auditLog: "/b", .auditLogMaxBytes: "4096", .resyncInterval: "7", .readonly: "on", .theme: "mono",
            .engine: "unix:///run/docker.sock", .profile: "privileged",
        ]
        let sandbox = try SettingsSandbox()
        let settings = try sandbox.load(env: [key.environmentName: try #require(values[key])])
        #expect(settings.sources[key.rawValue] == "env:" + key.environmentName)
        #expect(settings.sources.filter { $0.value != "default" }.count == 1)
    }

    @Test("YAML null and empty values leave the key to the next layer")
    func nullFallsThrough() throws {
        let sandbox = try SettingsSandbox()
        try sandbox.writeConfig("mode: ~\nengine: null\nstop-timeout:\ntheme: mono\n")
        let settings = try sandbox.load()
        #expect(settings.mode == .audit)
        #expect(settings.engine == nil)
        #expect(settings.stopTimeout == 10)
        #expect(settings.theme == "mono")
        #expect(settings.sources["mode"] == "default")
        #expect(settings.sources["stop-timeout"] == "default")
    }

    @Test("an empty value in a variable or flag clears an optional setting from the file")
    func emptyClearsOptional() throws {
        let sandbox = try SettingsSandbox()
        try sandbox.writeConfig("engine: tcp://h:1\n")
        let byVariable = try sandbox.load(env: ["DOCKERGUARD_ENGINE": ""])
        #expect(byVariable.engine == nil)
        #expect(byVariable.sources["engine"] == "env:DOCKERGUARD_ENGINE")
        let byFlag = try sandbox.load(flags: ["engine": ""])
        #expect(byFlag.engine == nil)
        #expect(byFlag.sources["engine"] == "flag:--docker-host")
    }

    @Test("an empty or comment-only file is read and sets nothing")
    func emptyFile() throws {
        let sandbox = try SettingsSandbox()
        let path = try sandbox.writeConfig("# nothing yet\n")
        let settings = try sandbox.load()
        #expect(settings.configFile == path)
        #expect(settings.mode == .audit)
        #expect(Set(settings.sources.values) == ["default"])
    }

    @Test("YAML's own spellings are accepted: quoted numbers, yes/no, any letter case")
    func lenientScalars() throws {
        let sandbox = try SettingsSandbox()
        try sandbox.writeConfig("stop-timeout: \"15\"\nreadonly: yes\nmode: ENFORCE\naction: Kill\n")
        let settings = try sandbox.load()
        #expect(settings.stopTimeout == 15)
        #expect(settings.readonly == true)
        #expect(settings.mode == .enforce)
        #expect(settings.action == .kill)
    }

    @Test("a bad value hidden by a stronger layer is not read, so not reported")
    func overriddenBadValue() throws {
        let sandbox = try SettingsSandbox()
        try sandbox.writeConfig("mode: enforced\n")
        let settings = try sandbox.load(flags: ["mode": "confirm"])
        #expect(settings.mode == .confirm)
    }

    @Test("unknown DOCKERGUARD_ variables are ignored with a warning; others are not looked at")
    func unknownVariables() throws {
        let sandbox = try SettingsSandbox()
        let settings = try sandbox.load(env: [
            "DOCKERGUARD_MDOE": "enforce", "DOCKERGUARD_COLOUR": "red", "DOCKER_HOST": "unix:///x", "MODE": "enforce",
            // Not a setting, but the dashboard's themes directory: read, so not warned of.
            "DOCKERGUARD_THEMES_DIR": "/usr/share/dockerguard/themes",
        ])
        #expect(settings.mode == .audit)
        #expect(
            settings.warnings == [
                "DOCKERGUARD_COLOUR is not a dockerguard setting and is ignored",
                "DOCKERGUARD_MDOE is not a dockerguard setting and is ignored (did you mean DOCKERGUARD_MODE?)",
            ])
    }
}
