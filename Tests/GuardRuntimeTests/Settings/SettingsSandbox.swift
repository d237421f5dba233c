import Foundation
import GuardCore
import GuardRuntime

/// A throwaway home directory and `/etc/dockerguard` stand-in for one test, removed afterwards.
final class SettingsSandbox {
    let root: String
    /// `HOME` for the loader; no XDG variables are set unless a test adds them.
    var environment: [String: String]

    init() throws {
        root = NSTemporaryDirectory() + "dg-settings-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root + "/home", withIntermediateDirectories: true)
        environment = ["HOME": root + "/home"]
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    var home: String { root + "/home" }
    var systemDirectory: String { root + "/etc/dockerguard" }
    var defaultConfigPath: String { home + "/.config/dockerguard/config.yaml" }
    var userAllowlist: String { home + "/.config/dockerguard/allowlist" }
    var defaultAuditLog: String { home + "/.local/state/dockerguard/audit.jsonl" }

    /// Writes `text` to `path`, creating the directories on the way.
    @discardableResult
    func write(_ text: String, to path: String) throws -> String {
        let directory = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Writes the config file at its default place.
    @discardableResult
    func writeConfig(_ yaml: String) throws -> String {
        try write(yaml, to: defaultConfigPath)
    }

    /// Loads settings with this sandbox's environment (plus `env`) and system directory.
    func load(
        config: String? = nil, env: [String: String] = [:], flags: [String: String] = [:]
    ) throws(SettingsError) -> GuardSettings {
        try SettingsLoader.load(
            configPath: config, environment: environment.merging(env) { $1 }, flags: flags,
            systemDirectory: systemDirectory)
    }

    /// The error loading throws, or nil when it loads.
    func loadError(
        config: String? = nil, env: [String: String] = [:], flags: [String: String] = [:]
    ) -> SettingsError? {
        do {
            _ = try load(config: config, env: env, flags: flags)
            return nil
        } catch {
            return error
        }
    }
}
