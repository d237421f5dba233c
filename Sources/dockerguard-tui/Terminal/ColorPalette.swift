import CNcurses
import GuardTUI

/// Turns styles into ncurses attributes, allocating one colour pair per (foreground, background).
struct ColorPalette {
    private var pairs: [PairKey: Int16] = [:]
    private let colorsAvailable: Bool
    private let maxPairs: Int

    private struct PairKey: Hashable {
        var foreground: Int16
        var background: Int16
    }

    init(colorsAvailable: Bool) {
        self.colorsAvailable = colorsAvailable
        maxPairs = colorsAvailable ? Int(dg_color_pairs()) : 0
    }

    /// The attribute bits and colour pair that draw `style`.
    mutating func attributes(for style: Style) -> (attributes: attr_t, pair: Int16) {
        var attributes = dg_a_normal()
        if style.attributes.contains(.bold) { attributes |= dg_a_bold() }
        if style.attributes.contains(.dim) { attributes |= dg_a_dim() }
        if style.attributes.contains(.underline) { attributes |= dg_a_underline() }
        if style.attributes.contains(.reverse) { attributes |= dg_a_reverse() }
        guard colorsAvailable else { return (attributes, 0) }
        let key = PairKey(foreground: Self.number(style.foreground), background: Self.number(style.background))
        if key == PairKey(foreground: -1, background: -1) { return (attributes, 0) }
        if let pair = pairs[key] { return (attributes, pair) }
        let pair = Int16(pairs.count + 1)
        guard Int(pair) < maxPairs else { return (attributes, 0) }
        init_pair(pair, key.foreground, key.background)
        pairs[key] = pair
        return (attributes, pair)
    }

    static func number(_ color: ThemeColor) -> Int16 {
        switch color {
        case .terminalDefault: -1
        case .palette(let index): Int16(index)
        }
    }
}
