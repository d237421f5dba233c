/// The xterm palette's RGB values. Real terminals differ in the basic 16, but xterm's are the
/// common reference and all that's needed to choose a stand-in for a 256-colour index.
enum XtermPalette {
    struct RGB: Hashable {
        var red, green, blue: Int

        var isGrey: Bool { red == green && green == blue }

        func distanceSquared(to other: RGB) -> Int {
            let (r, g, b) = (red - other.red, green - other.green, blue - other.blue)
            return r * r + g * g + b * b
        }
    }

    /// xterm's defaults for indices 0–15.
    private static let basic: [RGB] = [
        RGB(red: 0, green: 0, blue: 0), RGB(red: 205, green: 0, blue: 0),
        RGB(red: 0, green: 205, blue: 0), RGB(red: 205, green: 205, blue: 0),
        RGB(red: 0, green: 0, blue: 238), RGB(red: 205, green: 0, blue: 205),
        RGB(red: 0, green: 205, blue: 205), RGB(red: 229, green: 229, blue: 229),
        RGB(red: 127, green: 127, blue: 127), RGB(red: 255, green: 0, blue: 0),
        RGB(red: 0, green: 255, blue: 0), RGB(red: 255, green: 255, blue: 0),
        RGB(red: 92, green: 92, blue: 255), RGB(red: 255, green: 0, blue: 255),
        RGB(red: 0, green: 255, blue: 255), RGB(red: 255, green: 255, blue: 255),
    ]

    /// The levels of each channel in the 6×6×6 cube at 16–231.
    private static let cubeLevels = [0, 95, 135, 175, 215, 255]

    static func rgb(_ index: Int) -> RGB {
        switch index {
        case ..<16:
            return basic[max(index, 0)]
        case 16...231:
            let cube = index - 16
            return RGB(red: cubeLevels[cube / 36], green: cubeLevels[cube / 6 % 6], blue: cubeLevels[cube % 6])
        default:
            let level = 8 + 10 * (min(index, 255) - 232)
            return RGB(red: level, green: level, blue: level)
        }
    }

    /// The index in `candidates` closest to `index` by squared RGB distance; the lower index wins a tie.
    ///
    /// A grey goes to the nearest grey: by distance alone mid greys (244 and xterm's own bright
    /// black) land on yellow, and muted text would turn into a warning colour.
    static func nearest(to index: Int, among candidates: Range<Int>) -> Int {
        let target = rgb(index)
        let greys = candidates.filter { rgb($0).isGrey }
        let pool = target.isGrey && !greys.isEmpty ? greys : Array(candidates)
        return pool.min { rgb($0).distanceSquared(to: target) < rgb($1).distanceSquared(to: target) } ?? index
    }
}
