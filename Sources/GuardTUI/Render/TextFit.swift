/// Making text fit a number of cells. Every character takes one cell (``Screen`` shows wide ones
/// as `?`), so a width is a count of characters.
enum TextFit {
    /// `text` cut to `width` cells, the last one an ellipsis when anything was cut.
    static func truncate(_ text: String, to width: Int, ellipsis: Character) -> String {
        guard width > 0 else { return "" }
        guard text.count > width else { return text }
        return String(text.prefix(width - 1)) + String(ellipsis)
    }

    /// Prose broken at spaces into lines of at most `width` cells; a word longer than a line is
    /// truncated rather than split, so names stay recognisable.
    static func wrap(_ text: String, to width: Int, ellipsis: Character) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            let word = truncate(String(word), to: width, ellipsis: ellipsis)
            if line.isEmpty {
                line = word
            } else if line.count + 1 + word.count <= width {
                line += " " + word
            } else {
                lines.append(line)
                line = word
            }
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }

    /// The last component of a path: the table's rule column shows `allowlist:3`, not the full path.
    static func basename(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    /// The first row to show so that `selected` is visible in `visible` rows, starting from the
    /// remembered `top` and never scrolled past the end.
    static func scrollTop(selected: Int?, top: Int, count: Int, visible: Int) -> Int {
        guard visible > 0, count > 0 else { return 0 }
        var top = min(max(top, 0), max(count - visible, 0))
        if let selected {
            if selected < top { top = selected }
            if selected >= top + visible { top = selected - visible + 1 }
        }
        return top
    }
}

/// A piece of a one-line bar (header, status bar): text, its colour, and how much it matters
/// when the line is too narrow for everything.
struct Segment: Equatable {
    var text: String
    var role: Role
    /// Higher is placed first; what does not fit is left out.
    var priority: Int
    /// Shown cut short rather than left out (errors, messages).
    var mayTruncate: Bool

    init(_ text: String, _ role: Role, priority: Int, mayTruncate: Bool = false) {
        self.text = text
        self.role = role
        self.priority = priority
        self.mayTruncate = mayTruncate
    }

    /// The segments that fit in `width` cells with `gap` spaces between them, in their original
    /// order. They are placed by priority; one that does not fit is skipped (so smaller, less
    /// important ones may still fit), or truncated into the room left when it may be.
    static func fit(_ segments: [Segment], width: Int, gap: Int = 2, ellipsis: Character) -> [Segment] {
        let byPriority = segments.indices.filter { !segments[$0].text.isEmpty }
            .sorted { (segments[$0].priority, $1) > (segments[$1].priority, $0) }
        var chosen: [Int: Segment] = [:]
        var used = 0
        for index in byPriority {
            var segment = segments[index]
            let room = width - used - (chosen.isEmpty ? 0 : gap)
            if segment.text.count > room {
                guard segment.mayTruncate || chosen.isEmpty, room >= min(8, width) else { continue }
                segment.text = TextFit.truncate(segment.text, to: room, ellipsis: ellipsis)
            }
            used = width - room + segment.text.count
            chosen[index] = segment
        }
        return chosen.keys.sorted().map { chosen[$0]! }
    }
}

extension Screen {
    /// Writes fitted segments from `column`, `gap` cells apart, and returns the column after them.
    @discardableResult
    mutating func put(_ segments: [Segment], row: Int, column: Int, gap: Int = 2) -> Int {
        var x = column
        for (index, segment) in segments.enumerated() {
            if index > 0 { x += gap }
            x = put(segment.text, row: row, column: x, role: segment.role)
        }
        return x
    }

    /// Writes `text` truncated to `width` cells.
    @discardableResult
    mutating func put(_ text: String, row: Int, column: Int, width: Int, role: Role, ellipsis: Character) -> Int {
        put(TextFit.truncate(text, to: width, ellipsis: ellipsis), row: row, column: column, role: role, limit: width)
    }
}
