import Foundation

/// The XDG base directories and the default paths derived from them.
struct SettingsPaths: Sendable {
    /// `$HOME`, or the account's home directory when the variable is unset.
    var home: String
    /// `$XDG_CONFIG_HOME`, defaulting to `$HOME/.config`.
    var configHome: String
    /// `$XDG_STATE_HOME`, defaulting to `$HOME/.local/state`.
    var stateHome: String

    init(environment: [String: String]) {
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        self.home = home
        configHome = Self.xdgDirectory(environment["XDG_CONFIG_HOME"]) ?? home + "/.config"
        stateHome = Self.xdgDirectory(environment["XDG_STATE_HOME"]) ?? home + "/.local/state"
    }

    /// `$XDG_CONFIG_HOME/dockerguard/config.yaml`.
    var configFile: String { configHome + "/dockerguard/config.yaml" }

    /// `$XDG_CONFIG_HOME/dockerguard/allowlist`.
    var userAllowlist: String { configHome + "/dockerguard/allowlist" }

    /// `$XDG_STATE_HOME/dockerguard/audit.jsonl`.
    var auditLog: String { stateHome + "/dockerguard/audit.jsonl" }

    /// The user's allow-list, unless only the system-wide one (`<systemDirectory>/allowlist`) exists.
    func defaultAllowlist(systemDirectory: String, fileExists: (String) -> Bool) -> String {
        let system = systemDirectory + "/allowlist"
        return !fileExists(userAllowlist) && fileExists(system) ? system : userAllowlist
    }

    /// Expands a leading `~` or `~/` to ``home``; other paths are returned as they are.
    func expandingTilde(_ path: String) -> String {
        if path == "~" { return home }
        if path.hasPrefix("~/") { return home + path.dropFirst() }
        return path
    }

    /// The XDG spec: an unset, empty or relative value is ignored.
    private static func xdgDirectory(_ value: String?) -> String? {
        guard let value, value.hasPrefix("/") else { return nil }
        return value.count > 1 && value.hasSuffix("/") ? String(value.dropLast()) : value
    }
}
