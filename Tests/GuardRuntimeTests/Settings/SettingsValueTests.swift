import GuardCore
import GuardRuntime
import Testing

@Suite("Setting values: shapes accepted and refused")
struct SettingsValueTests {
    @Test(
        "listen addresses of the right shape are kept as given",
        arguments: ["127.0.0.1:8080", "0.0.0.0:0", "[::1]:9000", ":8181", "localhost:65535", "guard.local:80"])
    func goodListen(address: String) throws {
        let sandbox = try SettingsSandbox()
        #expect(try sandbox.load(flags: ["listen": address]).listen == address)
    }

    @Test(
        "listen addresses of the wrong shape are refused",
        arguments: ["nowhere", "host:", "::1:8080", "[::1]", "[::1]8080", "a b:80", "h:8o", "[]:80"])
    func badListen(address: String) throws {
        let sandbox = try SettingsSandbox()
        let error = try #require(sandbox.loadError(flags: ["listen": address]))
        #expect(
            error.description == "--listen: '\(address)' is not HOST:PORT ([IPv6]:PORT, or :PORT for every interface)")
    }

    @Test(
        "a port out of range is named as such",
        arguments: [("host:65536", 65536), (":99999", 99999), ("[::1]:70000", 70000), ("h:-1", -1)])
    func portOutOfRange(address: String, port: Int) throws {
        let sandbox = try SettingsSandbox()
        let error = try #require(sandbox.loadError(flags: ["listen": address]))
        #expect(error.description == "--listen: '\(address)': port \(port) is out of range (0 to 65535)")
    }

    @Test(
        "booleans: true/false, yes/no, on/off, 1/0",
        arguments: [
            ("true", true), ("YES", true), ("on", true), ("1", true), ("false", false), ("no", false), ("Off", false),
            ("0", false),
        ])
    func booleans(text: String, value: Bool) throws {
        let sandbox = try SettingsSandbox()
        #expect(try sandbox.load(env: ["DOCKERGUARD_READONLY": text]).readonly == value)
    }

    @Test(
        "engine URLs are checked as DOCKER_HOST is",
        arguments: ["unix:///var/run/docker.sock", "tcp://10.0.0.2:2376", "http://[::1]:2375"])
    func goodEngine(url: String) throws {
        let sandbox = try SettingsSandbox()
        #expect(try sandbox.load(flags: ["engine": url]).engine == url)
    }

    @Test("surrounding whitespace is trimmed")
    func whitespace() throws {
        let sandbox = try SettingsSandbox()
        let settings = try sandbox.load(env: ["DOCKERGUARD_STOP_TIMEOUT": " 4 ", "DOCKERGUARD_MODE": "confirm\n"])
        #expect(settings.stopTimeout == 4)
        #expect(settings.mode == .confirm)
    }

    @Test("key names: environment variable and flag")
    func keyNames() {
        #expect(SettingKey.stopTimeout.environmentName == "DOCKERGUARD_STOP_TIMEOUT")
        #expect(SettingKey.auditLogMaxBytes.environmentName == "DOCKERGUARD_AUDIT_LOG_MAX_BYTES")
        #expect(SettingKey.engine.environmentName == "DOCKERGUARD_ENGINE")
        #expect(SettingKey.engine.flagName == "--docker-host")
        #expect(SettingKey.allCases.count == 12)
    }
}
