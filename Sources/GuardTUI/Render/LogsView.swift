import GuardCore

/// The logs view (`l`) over the body: a title line (container, following or paused, options,
/// lines kept and dropped, how the stream stands), then the output, newest at the bottom. stderr
/// lines carry a `!` in the gutter and the error colour; search hits are highlighted.
struct LogsView {
    var view: LogView
    /// The container's record now, if it still exists: says why a stream ended.
    var record: ContainerRecord?
    var glyphs: Glyphs

    func draw(on screen: inout Screen, band: DashboardLayout.Band) {
        guard band.height > 0 else { return }
        for y in band.rows { screen.fill(row: y, role: .normal) }
        drawTitle(on: &screen, row: band.top)
        var rows = band.height - 1
        if let editor = view.searchEditor, rows > 0 {
            let y = band.bottom - 1
            screen.searchPrompt(editor, row: y, glyphs: glyphs)
            rows -= 1
        }
        guard rows > 0 else { return }
        for (offset, line) in displayLines(rows: rows, width: screen.width).enumerated() {
            draw(line, on: &screen, row: band.top + 1 + offset)
        }
    }

    func drawTitle(on screen: inout Screen, row: Int) {
        screen.fill(row: row, role: .dialogTitle)
        let buffer = view.buffer
        var parts = ["logs \(view.name)", state]
        if view.wrap { parts.append("wrap") }
        if view.timestamps { parts.append("times") }
        // An open stream with nothing in it yet: "0 lines" would read as broken.
        if !buffer.isEmpty || view.opening || view.ended != nil {
            parts.append("\(buffer.count) line\(buffer.count == 1 ? "" : "s")")
        }
        if buffer.dropped > 0 { parts.append("\(buffer.dropped) older dropped") }
        let title = parts.joined(separator: "  ")
        // Why the output stopped outranks the title's tail: what the operator must know.
        let note = view.ended.map(endNote) ?? ""
        let noteWidth = note.isEmpty ? 0 : min(note.count, screen.width - 14)
        let titleWidth = screen.width - 2 - (noteWidth > 0 ? noteWidth + 2 : 0)
        screen.put(title, row: row, column: 1, width: titleWidth, role: .dialogTitle, ellipsis: glyphs.ellipsis)
        if noteWidth > 0 {
            let x = screen.width - 1 - noteWidth
            screen.fill(row: row, from: x - 1, count: noteWidth + 2, role: .error)
            screen.put(note, row: row, column: x, width: noteWidth, role: .error, ellipsis: glyphs.ellipsis)
        }
    }

    /// following / paused (with how many lines are below the screen: new ones, or older ones
    /// scrolled past or jumped over by a search).
    var state: String {
        if view.opening { return "opening\(glyphs.ellipsis)" }
        if view.ended != nil { return "ended" }
        if view.buffer.isEmpty { return "following, no output yet" }
        if view.following { return "following" }
        let below = view.linesBelow
        return below > 0 ? "paused, \(below) more below" : "paused"
    }

    /// Why the output stopped coming; what was shown stays.
    func endNote(_ error: String) -> String {
        guard let record else { return "container removed \(glyphs.dash) output ends here" }
        if !error.isEmpty { return "stream lost: \(error)" }
        if record.isRunning { return "stream ended" }
        return "container \(record.state) \(glyphs.dash) output ends here"
    }

    struct DisplayLine {
        var number: Int
        /// The first piece of the entry (the gutter and time show only there).
        var isFirst: Bool
        var text: Substring
        var isStderr: Bool
        var time: String?
    }

    /// The rows to show, oldest first: entries up from the newest shown, cut or wrapped to `width`.
    func displayLines(rows: Int, width: Int) -> [DisplayLine] {
        let buffer = view.buffer
        guard !buffer.isEmpty else { return [] }
        let textWidth = max(width - 1 - (view.timestamps ? Self.timeWidth + 1 : 0), 1)
        var lines: [DisplayLine] = []
        var number = view.shownBottom
        while number >= buffer.first, lines.count < rows {
            let entry = buffer[number]
            let time = view.timestamps ? Self.shortTime(entry.time) : nil
            var pieces: [Substring] = []
            if view.wrap, entry.text.count > textWidth {
                var rest = Substring(entry.text)
                while !rest.isEmpty {
                    pieces.append(rest.prefix(textWidth))
                    rest = rest.dropFirst(textWidth)
                }
            } else {
                pieces = [Substring(entry.text)]
            }
            for (index, piece) in pieces.enumerated().reversed() {
                lines.append(
                    DisplayLine(
                        number: number, isFirst: index == 0, text: piece, isStderr: entry.isStderr, time: time))
                if lines.count == rows { break }
            }
            number -= 1
        }
        return lines.reversed()
    }

    static let timeWidth = 12

    /// `04:00:00.123` from the engine's `2026-12-02T04:00:00.123456789Z`.
    static func shortTime(_ time: String?) -> String {
        guard let time, let t = time.firstIndex(of: "T") else { return String(repeating: " ", count: timeWidth) }
        let clock = String(time[time.index(after: t)...].prefix(timeWidth))
        return clock + String(repeating: " ", count: max(timeWidth - clock.count, 0))
    }

    func draw(_ line: DisplayLine, on screen: inout Screen, row: Int) {
        let role: Role = line.isStderr ? .error : .normal
        if line.isFirst, line.isStderr { screen.put("!", row: row, column: 0, role: .error) }
        var x = 1
        if let time = line.time {
            if line.isFirst { screen.put(time, row: row, column: x, role: .muted) }
            x += Self.timeWidth + 1
        }
        let width = screen.width - x
        if view.wrap || line.text.count <= width {
            screen.put(String(line.text), row: row, column: x, role: role)
        } else {
            screen.put(
                String(line.text), row: row, column: x, width: width, role: role, ellipsis: glyphs.ellipsis)
        }
        if line.number == view.hit { screen.paint(row: row, from: 0, count: 1, role: .selection) }
        screen.highlight(view.search, in: line.text, row: row, column: x)
    }
}
