/// How many colours the terminal can show, which decides how much of a theme survives
/// (see ``Theme/adapted(to:)``).
public enum ColorCapability: Sendable, Hashable, CaseIterable {
    /// No colour at all: `NO_COLOR` is set, or the terminal has none. Attributes only.
    case none
    /// The 8 basic colours.
    case basic8
    /// The basic colours and their bright forms.
    case basic16
    /// The full 256-colour palette.
    case palette256

    /// The capability for a terminal reporting `terminalColors` colours (ncurses' `COLORS`, 0 when
    /// colour is off), unless the user opted out through NO_COLOR (https://no-color.org: any
    /// non-empty value, so `NO_COLOR=` does not count).
    public static func capability(environment: [String: String], terminalColors: Int) -> ColorCapability {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .none }
        switch terminalColors {
        case ..<2: return .none
        case ..<16: return .basic8
        case ..<256: return .basic16
        default: return .palette256
        }
    }

    /// Palette indices shown as they are; the rest are mapped to the nearest of them.
    var directIndices: Range<Int> {
        switch self {
        case .none: 0..<0
        case .basic8: 0..<8
        case .basic16: 0..<16
        case .palette256: 0..<256
        }
    }
}
