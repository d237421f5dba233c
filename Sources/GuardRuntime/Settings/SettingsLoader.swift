internal import Configuration
import Foundation
import GuardCore

/// Loads ``GuardSettings``: defaults, then the YAML config file, then `DOCKERGUARD_*` environment
/// variables, then command-line flags, each overriding the ones before.
///
/// The layering is swift-configuration's: one `ConfigReader` over a provider per layer, and its access
/// events tell which layer supplied each value (recorded in ``GuardSettings/sources``). Every value is
/// read as text and checked here, so a bad value gets the same message whichever layer it came from.
public enum SettingsLoader {
    /// The system-wide directory: `<dir>/allowlist` is the default allow-list when the user has none.
    public static let systemDirectory = "/etc/dockerguard"

    /// Loads the settings.
    /// - Parameters:
    ///   - configPath: the `--config` path, which must exist if given; otherwise ``defaultConfigPath(environment:)``
    ///     is read if it exists, and else no file is.
    ///   - environment: the process environment (injected, for tests).
    ///   - flags: values given on the command line, by key, only those given, e.g. `["mode": "enforce"]`.
    /// - Throws: ``SettingsError`` naming the key and the file, variable or flag at fault.
    public static func load(
        configPath: String?, environment: [String: String], flags: [String: String]
    ) throws(SettingsError) -> GuardSettings {
        try load(configPath: configPath, environment: environment, flags: flags, systemDirectory: systemDirectory)
    }

    /// ``load(configPath:environment:flags:)`` with the system-wide directory (normally ``systemDirectory``)
    /// given, for tests.
    public static func load(
        configPath: String?, environment: [String: String], flags: [String: String], systemDirectory: String
    ) throws(SettingsError) -> GuardSettings {
        let paths = SettingsPaths(environment: environment)
        let file = try configFile(explicit: configPath, paths: paths)

        var layers: [SettingsLayer] = [.flags, .environment]
        var providers: [any ConfigProvider] = [try flagProvider(flags), environmentProvider(environment)]
        if let file, let provider = file.provider {
            layers.append(.file(path: file.path))
            providers.append(provider)
        }
        let allowlist = paths.defaultAllowlist(systemDirectory: systemDirectory) {
            FileManager.default.fileExists(atPath: $0)
        }
        var settings = GuardSettings(allowlistPath: allowlist, auditLogPath: paths.auditLog)
        layers.append(.defaults)
        providers.append(defaultsProvider(settings))

        let recorder = SettingsSourceRecorder()
        let reader = ConfigReader(providers: providers, accessReporter: recorder)
        for key in SettingKey.allCases {
            let text = reader.string(forKey: ConfigKey([key.rawValue]))
            let answer = recorder.answer(for: key.rawValue)
            let layer = answer.map { layers[$0.providerIndex] } ?? .defaults
            let source = layer.source(for: key)
            var line: Int?
            if case .file = layer { line = file?.lines[key] }
            if let failure = answer?.failure {
                throw SettingsError(kind: .invalidValue, key: key.rawValue, source: source, line: line, reason: failure)
            }
            if let text {
                do {
                    try settings.apply(key, text: text, paths: paths)
                } catch {
                    throw SettingsError(
                        kind: .invalidValue, key: key.rawValue, source: source, line: line, reason: error.reason)
                }
            }
            settings.sources[key.rawValue] = source
        }
        settings.configFile = file?.path
        settings.warnings = unknownVariableWarnings(environment)
        return settings
    }

    /// `$XDG_CONFIG_HOME/dockerguard/config.yaml`, where `XDG_CONFIG_HOME` defaults to `$HOME/.config`.
    public static func defaultConfigPath(environment: [String: String]) -> String {
        SettingsPaths(environment: environment).configFile
    }

    private static func configFile(explicit: String?, paths: SettingsPaths) throws(SettingsError) -> SettingsFile? {
        if let explicit {
            do {
                return try SettingsFile.read(path: explicit)
            } catch  where error.kind == .missingFile {
                throw SettingsError(
                    kind: .missingFile, source: "file:" + explicit, reason: "no such config file (given with --config)")
            }
        }
        guard FileManager.default.fileExists(atPath: paths.configFile) else { return nil }
        return try SettingsFile.read(path: paths.configFile)
    }

    private static func flagProvider(_ flags: [String: String]) throws(SettingsError) -> InMemoryProvider {
        var values: [AbsoluteConfigKey: ConfigValue] = [:]
        for (name, text) in flags {
            guard let key = SettingKey(rawValue: name) else {
                let hint = SettingKey.closest(to: name).map { "did you mean '\($0.flagName)'? " } ?? ""
                throw SettingsError(
                    kind: .unknownKey, key: name, source: "flag:--" + name,
                    reason: "unknown setting '\(name)' (\(hint)known: \(SettingKey.knownList))")
            }
            values[AbsoluteConfigKey([key.rawValue])] = ConfigValue(.string(text), isSecret: false)
        }
        return InMemoryProvider(name: "flags", values: values)
    }

    /// `DOCKERGUARD_STOP_TIMEOUT` for `stop-timeout`: the provider upper-cases a key and turns `-` into `_`;
    /// the prefix comes from scoping every key under `dockerguard`.
    private static func environmentProvider(_ environment: [String: String]) -> some ConfigProvider {
        let ours = environment.filter { $0.key.hasPrefix(SettingKey.environmentPrefix) }
        return EnvironmentVariablesProvider(environmentVariables: ours)
            .prefixKeys(with: ConfigKey(["dockerguard"]))
    }

    private static func defaultsProvider(_ defaults: GuardSettings) -> InMemoryProvider {
        let texts: [SettingKey: String] = [
            .mode: defaults.mode.rawValue, .action: defaults.action.rawValue,
            .stopTimeout: "\(defaults.stopTimeout)", .listen: defaults.listen,
            .allowlist: defaults.allowlistPath, .auditLog: defaults.auditLogPath,
            .auditLogMaxBytes: "\(defaults.auditLogMaxBytes)", .resyncInterval: "\(defaults.resyncInterval)",
            .readonly: "\(defaults.readonly)", .theme: defaults.theme,
        ]
        var values: [AbsoluteConfigKey: ConfigValue] = [:]
        for (key, text) in texts {
            values[AbsoluteConfigKey([key.rawValue])] = ConfigValue(.string(text), isSecret: false)
        }
        return InMemoryProvider(name: "defaults", values: values)
    }

    /// An unknown `DOCKERGUARD_*` variable is ignored, but said so: a typo should not go unnoticed.
    private static func unknownVariableWarnings(_ environment: [String: String]) -> [String] {
        // DOCKERGUARD_THEMES_DIR is no setting, but the dashboard's themes directory (README).
        let known = Set(SettingKey.allCases.map(\.environmentName) + ["DOCKERGUARD_THEMES_DIR"])
        return environment.keys
            .filter { $0.hasPrefix(SettingKey.environmentPrefix) && !known.contains($0) }
            .sorted()
            .map { name in
                let hint =
                    SettingKey.closest(toEnvironmentName: name).map { " (did you mean \($0.environmentName)?)" } ?? ""
                return "\(name) is not a dockerguard setting and is ignored\(hint)"
            }
    }
}
