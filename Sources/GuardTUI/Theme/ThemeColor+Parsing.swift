/// Theme files spell colours the way ``ThemeColor/description`` prints them, so a theme can be
/// written out and read back unchanged.
extension ThemeColor: LosslessStringConvertible {
    /// Accepts `default`, a basic colour name, `bright-<name>` or a palette index 0–255 (case-insensitive).
    public init?(_ text: String) {
        let word = text.lowercased()
        if word == "default" {
            self = .terminalDefault
        } else if let index = Self.names.firstIndex(of: word) {
            self = .palette(index)
        } else if word.hasPrefix("bright-"), let index = Self.names.firstIndex(of: String(word.dropFirst(7))) {
            self = .palette(index + 8)
        } else if let index = Int(word), (0...255).contains(index) {
            self = .palette(index)
        } else {
            return nil
        }
    }

    /// For messages about a colour that did not parse.
    static let expectedSpelling = "expected default, " + names.joined(separator: ", ") + ", bright-<colour> or 0-255"
}

extension TextAttributes {
    /// The attribute called `name` in theme files, if there is one.
    public init?(name: String) {
        guard let match = Self.byName.first(where: { $0.0 == name.lowercased() }) else { return nil }
        self = match.1
    }
}
