/// One of the places a setting can come from, strongest first.
enum SettingsLayer: Sendable, Equatable {
    case flags
    case environment
    case file(path: String)
    case defaults

    /// The provenance label recorded in ``GuardSettings/sources`` and ``SettingsError/source``.
    func source(for key: SettingKey) -> String {
        switch self {
        case .flags: "flag:" + key.flagName
        case .environment: "env:" + key.environmentName
        case .file(let path): "file:" + path
        case .defaults: "default"
        }
    }
}
