/// The characters the dashboard draws with: UTF-8 symbols, or plain ASCII for terminals and
/// locales that cannot show them. Every glyph is one column wide, so layout never depends on the set.
public struct Glyphs: Sendable, Equatable {
    public var allowed: Character
    public var violating: Character
    public var pending: Character
    /// Stopped, and no rule allows it.
    public var notAllowed: Character
    public var unknown: Character
    /// Between a verdict and its preview: `✓→✗`.
    public var arrow: Character
    /// Ends truncated text.
    public var ellipsis: Character
    public var horizontal: Character
    public var vertical: Character
    public var topLeft: Character
    public var topRight: Character
    public var bottomLeft: Character
    public var bottomRight: Character
    /// Joins mode and action in the header: `enforce·kill`.
    public var separator: Character
    /// For asides in prose: `no running containers — A shows stopped ones`.
    public var dash: Character
    /// For sizes: `80×24`.
    public var times: Character
    /// For the help's arrow keys.
    public var up: Character
    public var down: Character
    /// A row marked with Space.
    public var mark: Character
    /// A Compose project's header row, folded or open (`P`).
    public var folded: Character
    public var unfolded: Character

    public static let utf8 = Glyphs(
        allowed: "✓", violating: "✗", pending: "…", notAllowed: "○", unknown: "·", arrow: "→", ellipsis: "…",
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        separator: "·", dash: "—", times: "×", up: "↑", down: "↓", mark: "●", folded: "▸",
        unfolded: "▾")

    public static let ascii = Glyphs(
        allowed: "+", violating: "!", pending: "?", notAllowed: "o", unknown: "-", arrow: ">", ellipsis: "~",
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        separator: "/", dash: "-", times: "x", up: "^", down: "v", mark: "*", folded: "+",
        unfolded: "-")

    /// The set for a terminal whose locale does (or does not) speak UTF-8.
    public static func forLocale(utf8: Bool) -> Glyphs {
        utf8 ? .utf8 : .ascii
    }

    /// The mark for a verdict.
    public func verdict(_ verdict: RowVerdict) -> Character {
        switch verdict {
        case .allowed: allowed
        case .violating: violating
        case .pending: pending
        case .notAllowed: notAllowed
        case .unknown: unknown
        }
    }

    /// The mark for the verdict an unsaved allow-list would give.
    public func future(_ flip: PreviewFlip) -> Character {
        switch flip {
        case .wouldAllow: allowed
        case .wouldViolate: violating
        case .wouldHold: pending
        case .wouldDisallow: notAllowed
        }
    }
}

extension Role {
    /// The colour role of a verdict's mark and word; unknown is muted, as nothing was judged.
    static func of(_ verdict: RowVerdict) -> Role {
        switch verdict {
        case .allowed: .allowed
        case .violating: .violating
        case .pending: .pending
        case .notAllowed, .unknown: .muted
        }
    }
}
