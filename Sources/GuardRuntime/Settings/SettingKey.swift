/// The settings dockerguard reads, named by their config-file key.
///
/// The same key names the environment variable (``environmentName``) and the command-line flag
/// (``flagName``), so a key is spelled one way everywhere.
public enum SettingKey: String, Sendable, CaseIterable, Comparable {
    /// ``GuardSettings/mode``.
    case mode
    /// ``GuardSettings/action``.
    case action
    /// ``GuardSettings/stopTimeout``.
    case stopTimeout = "stop-timeout"
    /// ``GuardSettings/listen``.
    case listen
    /// ``GuardSettings/allowlistPath``.
    case allowlist
    /// ``GuardSettings/auditLogPath``.
    case auditLog = "audit-log"
    /// ``GuardSettings/auditLogMaxBytes``.
    case auditLogMaxBytes = "audit-log-max-bytes"
    /// ``GuardSettings/resyncInterval``.
    case resyncInterval = "resync-interval"
    /// ``GuardSettings/readonly``.
    case readonly
    /// ``GuardSettings/theme``.
    case theme
    /// ``GuardSettings/engine``.
    case engine
    /// ``GuardSettings/profile``.
    case profile

    /// What every dockerguard environment variable starts with.
    public static let environmentPrefix = "DOCKERGUARD_"

    /// The environment variable that sets this key, e.g. `DOCKERGUARD_STOP_TIMEOUT`.
    public var environmentName: String {
        Self.environmentPrefix + String(rawValue.uppercased().map { $0 == "-" ? "_" : $0 })
    }

    /// The command-line flag that sets this key, e.g. `--stop-timeout`.
    public var flagName: String { self == .engine ? "--docker-host" : "--" + rawValue }

    /// Orders keys by name, as they are listed in messages.
    public static func < (lhs: SettingKey, rhs: SettingKey) -> Bool { lhs.rawValue < rhs.rawValue }
}
