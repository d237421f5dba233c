import GuardCore

extension GuardSettings {
    /// Sets one key from its text, checking it; `paths` expands `~` in file paths.
    mutating func apply(
        _ key: SettingKey, text rawText: String, paths: SettingsPaths
    ) throws(SettingsValueProblem) {
        typealias Parse = SettingsValueParser
        let text = rawText.trimmingWhitespace()
        switch key {
        case .mode: mode = try Parse.choice(text)
        case .action: action = try Parse.choice(text)
        case .stopTimeout: stopTimeout = try Parse.integer(text, unit: "seconds", minimum: 0)
        case .listen: listen = try Parse.listenAddress(text)
        case .allowlist: allowlistPath = paths.expandingTilde(try Parse.nonEmpty(text))
        case .auditLog: auditLogPath = paths.expandingTilde(try Parse.nonEmpty(text))
        case .auditLogMaxBytes: auditLogMaxBytes = try Parse.integer(text, unit: "bytes", minimum: 1)
        case .resyncInterval: resyncInterval = try Parse.integer(text, unit: "seconds", minimum: 1)
        case .readonly: readonly = try Parse.boolean(text)
        case .theme: theme = try Parse.nonEmpty(text)
        case .engine: engine = try Parse.engineURL(text)
        case .profile: profile = try Parse.choice(text)
        }
    }
}
