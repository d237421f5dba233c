/// A grid of cells: what the renderer produces and the terminal backend draws.
public struct Screen: Sendable, Equatable {
    public struct Cell: Sendable, Equatable {
        /// One column wide: the renderer keeps to single-width characters.
        public var character: Character
        public var role: Role

        public init(_ character: Character, _ role: Role) {
            self.character = character
            self.role = role
        }

        public static let blank = Cell(" ", .normal)
    }

    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(width, 0)
        self.height = max(height, 0)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(row: Int, column: Int) -> Cell {
        get { cells[row * width + column] }
        set { cells[row * width + column] = newValue }
    }

    /// One row's cells.
    public func row(_ row: Int) -> ArraySlice<Cell> {
        cells[(row * width)..<(row * width + width)]
    }

    /// Writes `text` from (row, column), clipped to the screen, and returns the column after it.
    /// Control characters are shown as `?` so that nothing from a container name can move the cursor.
    @discardableResult
    public mutating func put(_ text: String, row: Int, column: Int, role: Role, limit: Int? = nil) -> Int {
        guard row >= 0, row < height else { return column }
        let end = min(width, limit.map { column + $0 } ?? width)
        var x = column
        for character in text {
            guard x < end else { break }
            if x >= 0 { self[row, x] = Cell(Self.printable(character), role) }
            x += 1
        }
        return x
    }

    /// Fills `count` cells of a row with spaces in `role`.
    public mutating func fill(row: Int, from column: Int = 0, count: Int? = nil, role: Role) {
        guard row >= 0, row < height else { return }
        let end = min(width, count.map { column + $0 } ?? width)
        guard column < end else { return }
        for x in max(column, 0)..<end { self[row, x] = Cell(" ", role) }
    }

    /// Sets the role of existing cells, keeping their characters.
    public mutating func paint(row: Int, from column: Int, count: Int, role: Role) {
        guard row >= 0, row < height else { return }
        for x in max(column, 0)..<min(width, column + count) { self[row, x].role = role }
    }

    /// The text of each row, trailing spaces kept: the golden files' first part.
    public var text: String {
        (0..<height).map { String(row($0).map(\.character)) }.joined(separator: "\n")
    }

    static func printable(_ character: Character) -> Character {
        guard let scalar = character.unicodeScalars.first else { return "?" }
        if scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value) { return "?" }
        // Wide (East Asian) characters would take two columns and shift the row: show them as `?`.
        if character.unicodeScalars.count > 1 || Self.isWide(scalar) { return "?" }
        return character
    }

    static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x1F300...0x1FAFF, 0x20000...0x3FFFD:
            true
        default: false
        }
    }
}
