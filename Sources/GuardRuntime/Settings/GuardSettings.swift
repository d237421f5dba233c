import GuardCore

/// Everything dockerguard can be configured with, after the config file, the `DOCKERGUARD_*`
/// environment variables and the command-line flags have been layered (see ``SettingsLoader``).
public struct GuardSettings: Sendable, Equatable {
    /// Key `mode`: report only, ask first, or act.
    public var mode: EnforcementMode = .audit
    /// Key `action`: what acting means.
    public var action: EnforcementAction = .stop
    /// Key `stop-timeout`: seconds a stopped container gets before SIGKILL (0 or more).
    public var stopTimeout: Int = 10
    /// Key `listen`: where the HTTP API listens, `HOST:PORT`, `[IPv6]:PORT` or `:PORT` (shape checked only).
    public var listen: String = "127.0.0.1:8080"
    /// Key `allowlist`: the allow-list file.
    public var allowlistPath: String
    /// Key `audit-log`: the JSON-lines audit log.
    public var auditLogPath: String
    /// Key `audit-log-max-bytes`: the size at which the audit log is rotated (more than 0).
    public var auditLogMaxBytes: Int = 10 << 20
    /// Key `resync-interval`: seconds between resyncs with the engine (more than 0).
    public var resyncInterval: Int = 60
    /// Key `readonly`: when true, nothing is ever changed on the engine, whatever the mode.
    public var readonly: Bool = false
    /// Key `theme`: the terminal UI's colour theme.
    public var theme: String = "default"
    /// Key `profile`: how allowed containers may run (privileged, baseline or restricted).
    public var profile: SecurityProfile = .defaultProfile
    /// Key `engine`: a `DOCKER_HOST`-style URL (`unix:///path`, `tcp://host:port`); nil means use `DOCKER_HOST`.
    public var engine: String?
    /// Where each value came from, for `dockerguard check` and logs: key (`"stop-timeout"`) to
    /// `"default"`, `"file:/path/config.yaml"`, `"env:DOCKERGUARD_STOP_TIMEOUT"` or `"flag:--stop-timeout"`.
    public var sources: [String: String] = [:]
    /// The config file that was read, if any.
    public var configFile: String?
    /// Problems that did not stop loading, such as an unknown `DOCKERGUARD_*` environment variable.
    public var warnings: [String] = []

    /// Settings with every default, and the two paths that have no fixed default.
    public init(allowlistPath: String, auditLogPath: String) {
        self.allowlistPath = allowlistPath
        self.auditLogPath = auditLogPath
    }
}
