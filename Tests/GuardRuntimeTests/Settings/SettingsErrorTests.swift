import Foundation
import GuardCore
import GuardRuntime
import Testing

@Suite("Settings errors name the key and where it came from")
struct SettingsErrorTests {
    static let known =
        "action, allowlist, audit-log, audit-log-max-bytes, engine, listen, mode, profile, readonly, "
        + "resync-interval, stop-timeout, theme"

    @Test("an unknown key in the file, with its line and a suggestion")
    func unknownKey() throws {
        let sandbox = try SettingsSandbox()
        let path = try sandbox.writeConfig("# dockerguard\naction: stop\nmdoe: enforce\n")
        let error = try #require(sandbox.loadError())
        #expect(error.kind == .unknownKey)
        #expect(error.key == "mdoe")
        #expect(error.source == "file:" + path)
        #expect(error.line == 3)
        #expect(error.description == "\(path):3: unknown key 'mdoe' (did you mean 'mode'? known: \(Self.known))")
    }

    @Test("an unknown key unlike any known one gets no suggestion")
    func unknownKeyNoSuggestion() throws {
        let sandbox = try SettingsSandbox()
        let path = try sandbox.writeConfig("colour: red\n")
        let error = try #require(sandbox.loadError())
        #expect(error.description == "\(path):1: unknown key 'colour' (known: \(Self.known))")
    }

    @Test(
        "a bad value in the file names the file, line and key",
        arguments: [
            ("stop-timeout: -1", "stop-timeout: '-1' is not a whole number of seconds, 0 or more"),
            ("mode: enforced", "mode: 'enforced' is not one of audit, confirm, enforce"),
            ("readonly: maybe", "readonly: 'maybe' is not true or false (also yes/no, on/off, 1/0)"),
            ("listen: nowhere", "listen: 'nowhere' is not HOST:PORT ([IPv6]:PORT, or :PORT for every interface)"),
            ("action: delete", "action: 'delete' is not one of stop, kill, remove"),
            ("resync-interval: 0", "resync-interval: '0' is not a whole number of seconds, 1 or more"),
            ("audit-log-max-bytes: 10MB", "audit-log-max-bytes: '10MB' is not a whole number of bytes, 1 or more"),
            ("stop-timeout: 1.5", "stop-timeout: '1.5' is not a whole number of seconds, 0 or more"),
            (
                "engine: npipe://me@host",
                "engine: 'npipe://me@host' is not a Docker engine URL: "
                    + "only unix://, tcp:// and ssh:// endpoints are supported"
            ),
            ("allowlist: ''", "allowlist: must not be empty"),
            ("mode: [audit, enforce]", "mode: expected a single value, found a list"),
            ("listen: {host: a, port: 1}", "listen: expected a single value, found a mapping"),
        ])
    func badFileValue(yaml: String, message: String) throws {
        let sandbox = try SettingsSandbox()
        let path = try sandbox.writeConfig("theme: mono\n" + yaml + "\n")
        let error = try #require(sandbox.loadError())
        #expect(error.kind == .invalidValue)
        #expect(error.line == 2)
        #expect(error.source == "file:" + path)
        #expect(error.description == "\(path):2: \(message)")
    }

    @Test("a bad environment variable is named")
    func badVariable() throws {
        let sandbox = try SettingsSandbox()
        let error = try #require(sandbox.loadError(env: ["DOCKERGUARD_MODE": "enforced"]))
        #expect(error.kind == .invalidValue)
        #expect(error.key == "mode")
        #expect(error.source == "env:DOCKERGUARD_MODE")
        #expect(error.description == "DOCKERGUARD_MODE: 'enforced' is not one of audit, confirm, enforce")
    }

    @Test("a bad environment variable is reported even when the file sets the key well")
    func badVariableOverFile() throws {
        let sandbox = try SettingsSandbox()
        try sandbox.writeConfig("stop-timeout: 5\n")
        let error = try #require(sandbox.loadError(env: ["DOCKERGUARD_STOP_TIMEOUT": "soon"]))
        #expect(error.description == "DOCKERGUARD_STOP_TIMEOUT: 'soon' is not a whole number of seconds, 0 or more")
    }

    @Test("a bad flag is named")
    func badFlag() throws {
        let sandbox = try SettingsSandbox()
        let error = try #require(sandbox.loadError(flags: ["stop-timeout": "-1"]))
        #expect(error.source == "flag:--stop-timeout")
        #expect(error.description == "--stop-timeout: '-1' is not a whole number of seconds, 0 or more")
    }

    @Test("an unknown flag key is a programming error, reported like an unknown file key")
    func unknownFlag() throws {
        let sandbox = try SettingsSandbox()
        let error = try #require(sandbox.loadError(flags: ["stop-timout": "3"]))
        #expect(error.kind == .unknownKey)
        #expect(
            error.description
                == "--stop-timout: unknown setting 'stop-timout' (did you mean '--stop-timeout'? known: \(Self.known))")
    }

    @Test("a YAML syntax error gives the line")
    func syntaxError() throws {
        let sandbox = try SettingsSandbox()
        let path = try sandbox.writeConfig("mode: audit\nlisten: \"127.0.0.1:80\nstop-timeout: 3\n")
        let error = try #require(sandbox.loadError())
        #expect(error.kind == .syntax)
        #expect(error.line != nil)
        #expect(error.description.hasPrefix("\(path):\(error.line ?? 0): invalid YAML at column "))
    }

    @Test("a bad indentation is a syntax error on its line")
    func indentationError() throws {
        let sandbox = try SettingsSandbox()
        let path = try sandbox.writeConfig("mode: audit\n  action: stop\n")
        let error = try #require(sandbox.loadError())
        #expect(error.kind == .syntax)
        #expect(error.line == 2)
        #expect(error.description.hasPrefix("\(path):2: invalid YAML"))
    }

    @Test("a key given twice is a syntax error")
    func duplicateKey() throws {
        let sandbox = try SettingsSandbox()
        let path = try sandbox.writeConfig("mode: audit\ntheme: mono\nmode : enforce\n")
        let error = try #require(sandbox.loadError())
        #expect(error.kind == .syntax)
        #expect(error.key == "mode")
        #expect(error.description == "\(path):3: duplicate key 'mode'")
    }

    @Test(
        "a file that is not a mapping is refused",
        arguments: [("- mode: audit\n", "a list"), ("just text\n", "a single value")])
    func notAMapping(yaml: String, found: String) throws {
        let sandbox = try SettingsSandbox()
        let path = try sandbox.writeConfig(yaml)
        let error = try #require(sandbox.loadError())
        #expect(error.kind == .notAMapping)
        #expect(
            error.description == "\(path):1: expected settings as 'key: value' lines at the top level, found \(found)")
    }

    @Test("an explicit --config that does not exist is an error; a missing default file is not")
    func missingExplicitFile() throws {
        let sandbox = try SettingsSandbox()
        let path = sandbox.root + "/nope.yaml"
        let error = try #require(sandbox.loadError(config: path))
        #expect(error.kind == .missingFile)
        #expect(error.source == "file:" + path)
        #expect(error.description == "\(path): no such config file (given with --config)")
        #expect(sandbox.loadError() == nil)
    }

    @Test("a directory given as --config is unreadable")
    func directoryAsConfig() throws {
        let sandbox = try SettingsSandbox()
        let error = try #require(sandbox.loadError(config: sandbox.home))
        #expect(error.kind == .unreadableFile)
        #expect(error.description == "\(sandbox.home): is a directory, not a config file")
    }

    @Test("a file that is not UTF-8 is refused")
    func notUTF8() throws {
        let sandbox = try SettingsSandbox()
        let path = sandbox.root + "/latin1.yaml"
        try Data([0x6D, 0x6F, 0x64, 0x65, 0x3A, 0x20, 0xE9, 0x0A]).write(to: URL(fileURLWithPath: path))
        let error = try #require(sandbox.loadError(config: path))
        #expect(error.kind == .syntax)
        #expect(error.description == "\(path): not UTF-8 text")
    }
}
