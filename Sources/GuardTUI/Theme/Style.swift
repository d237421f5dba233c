/// How one role looks: colours and attributes.
public struct Style: Sendable, Hashable, CustomStringConvertible {
    public var foreground: ThemeColor
    public var background: ThemeColor
    public var attributes: TextAttributes

    public init(
        foreground: ThemeColor = .terminalDefault, background: ThemeColor = .terminalDefault,
        attributes: TextAttributes = []
    ) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    /// `fg=red bg=default bold`, for golden files and messages.
    public var description: String {
        var parts = ["fg=\(foreground)", "bg=\(background)"]
        parts += attributes.names
        return parts.joined(separator: " ")
    }
}

/// A terminal colour: the terminal's own default, or an entry of the 256-colour palette (0–7 the
/// basic colours, 8–15 their bright forms).
public enum ThemeColor: Sendable, Hashable, CustomStringConvertible {
    case terminalDefault
    case palette(Int)

    public static let black = ThemeColor.palette(0), red = ThemeColor.palette(1), green = ThemeColor.palette(2)
    public static let yellow = ThemeColor.palette(3), blue = ThemeColor.palette(4), magenta = ThemeColor.palette(5)
    public static let cyan = ThemeColor.palette(6), white = ThemeColor.palette(7)

    /// The basic colour names, by palette index.
    public static let names = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    public var description: String {
        switch self {
        case .terminalDefault: "default"
        case .palette(let index) where index < 8: Self.names[index]
        case .palette(let index) where index < 16: "bright-" + Self.names[index - 8]
        case .palette(let index): "\(index)"
        }
    }
}

/// Text attributes a theme may ask for; they work without colour too.
public struct TextAttributes: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = TextAttributes(rawValue: 1 << 0)
    public static let dim = TextAttributes(rawValue: 1 << 1)
    public static let underline = TextAttributes(rawValue: 1 << 2)
    public static let reverse = TextAttributes(rawValue: 1 << 3)

    public static let byName: [(String, TextAttributes)] = [
        ("bold", .bold), ("dim", .dim), ("underline", .underline), ("reverse", .reverse),
    ]

    public var names: [String] { Self.byName.filter { contains($0.1) }.map(\.0) }
}
