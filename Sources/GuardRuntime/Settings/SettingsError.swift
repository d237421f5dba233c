/// Why the settings could not be loaded, naming the key and where the bad input came from.
///
/// ``description`` reads, for example:
/// - `/home/me/.config/dockerguard/config.yaml:3: unknown key 'mdoe' (did you mean 'mode'? known: action, …)`
/// - `/home/me/.config/dockerguard/config.yaml:1: mode: 'enforced' is not one of audit, confirm, enforce`
/// - `DOCKERGUARD_MODE: 'enforced' is not one of audit, confirm, enforce`
/// - `--stop-timeout: '-1' is not a whole number of seconds, 0 or more`
public struct SettingsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, for callers that react differently (tests, exit codes).
    public enum Kind: String, Sendable, Equatable {
        /// A key dockerguard does not know, in the config file or among the flags.
        case unknownKey
        /// A value of the wrong type or out of range.
        case invalidValue
        /// The config file is not valid YAML, or not UTF-8 text.
        case syntax
        /// The config file's top level is not a mapping of `key: value` settings.
        case notAMapping
        /// The config file given with `--config` does not exist.
        case missingFile
        /// The config file exists but cannot be read.
        case unreadableFile
    }

    /// What went wrong.
    public var kind: Kind
    /// The setting concerned (`"stop-timeout"`), or nil when the problem is with the file as a whole.
    public var key: String?
    /// Where the input came from, as in ``GuardSettings/sources``: `"file:/path"`, `"env:DOCKERGUARD_MODE"`
    /// or `"flag:--mode"`.
    public var source: String
    /// The 1-based line in the config file, when known.
    public var line: Int?
    /// The problem itself, without the location.
    public var reason: String

    /// Creates an error; ``description`` puts the location in front of `reason`.
    public init(kind: Kind, key: String? = nil, source: String, line: Int? = nil, reason: String) {
        self.kind = kind
        self.key = key
        self.source = source
        self.line = line
        self.reason = reason
    }

    /// `LOCATION[:LINE]: [KEY: ]REASON`, where the location is the file path, the environment variable or the flag.
    public var description: String {
        var location = source
        var isFile = false
        for prefix in ["file:", "env:", "flag:"] where source.hasPrefix(prefix) {
            location = String(source.dropFirst(prefix.count))
            isFile = prefix == "file:"
        }
        if let line { location += ":\(line)" }
        // A variable or flag already names the key; a file location does not.
        if isFile, kind == .invalidValue, let key { location += ": \(key)" }
        return "\(location): \(reason)"
    }
}
