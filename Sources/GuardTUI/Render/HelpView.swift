/// The help overlay (`?`): every key, the dashboard's then the editor's, flowed into two columns
/// when the terminal is wide enough. On a terminal too short for all of them the last line says
/// how many are hidden.
struct HelpView {
    var glyphs: Glyphs

    static let keyWidth = 9
    static let columnWidth = 36

    enum Line: Equatable {
        case heading(String)
        case key(String, String)
        case blank
    }

    var lines: [Line] {
        let dashboard: [(String, String)] = [
            ("j/k \(glyphs.up)/\(glyphs.down)", "move"), ("g/G", "top / bottom"), ("PgUp/PgDn", "page up / down"),
            ("Enter", "details"), ("/", "filter"), ("o", "sort column"), ("O", "reverse sort"),
            ("A", "show stopped"), ("a", "allow (add a rule)"), ("d", "remove the rule allowing it"),
            ("e", "allow-list editor"), ("s", "stop selected"), ("S", "stop all violating"),
            ("y", "approve selected pending"), ("Y", "approve all pending"), ("m", "mode"), ("t", "theme"),
            ("u", "undo last save"), ("?", "help"), ("q", "quit"),
        ]
        let editor: [(String, String)] = [
            ("j/k", "move"), ("Enter/i", "edit line"), ("o", "add line below"), ("O", "add line above"),
            ("x/Delete", "delete line"), ("w", "save"), ("u", "undo"), ("Esc", "close"),
        ]
        return [.heading("dashboard")] + dashboard.map { .key($0.0, $0.1) }
            + [.blank, .heading("allow-list editor")] + editor.map { .key($0.0, $0.1) }
    }

    func draw(on screen: inout Screen, band: DashboardLayout.Band) {
        guard band.height > 0 else { return }
        for y in band.rows { screen.fill(row: y, role: .dialog) }
        screen.fill(row: band.top, role: .dialogTitle)
        screen.put("keys", row: band.top, column: 1, role: .dialogTitle)
        let hint = "Esc close"
        screen.put(hint, row: band.top, column: max(screen.width - hint.count - 1, 6), role: .dialogTitle)
        let rows = band.height - 1
        guard rows > 0 else { return }
        let inner = screen.width - 2
        let columns = inner >= 2 * Self.columnWidth + 2 ? 2 : 1
        let columnWidth = columns == 2 ? (inner - 2) / 2 : inner
        let lines = self.lines
        var perColumn = (lines.count + columns - 1) / columns
        var shown = lines.count
        if perColumn > rows {
            perColumn = rows
            shown = rows * columns - 1  // the last cell says what is missing
        }
        for (index, line) in lines.prefix(shown).enumerated() {
            let x = 1 + (index / perColumn) * (columnWidth + 2)
            draw(line, on: &screen, row: band.top + 1 + index % perColumn, column: x, width: columnWidth)
        }
        if shown < lines.count {
            let x = 1 + (columns - 1) * (columnWidth + 2)
            let more = "\(glyphs.ellipsis) \(lines.count - shown) more: enlarge the terminal"
            screen.put(
                more, row: band.bottom - 1, column: x, width: columnWidth, role: .muted, ellipsis: glyphs.ellipsis)
        }
    }

    private func draw(_ line: Line, on screen: inout Screen, row: Int, column: Int, width: Int) {
        switch line {
        case .heading(let title):
            screen.put(title, row: row, column: column, width: width, role: .dialogTitle, ellipsis: glyphs.ellipsis)
        case .key(let key, let action):
            screen.put(key, row: row, column: column, width: Self.keyWidth, role: .dialog, ellipsis: glyphs.ellipsis)
            screen.put(
                action, row: row, column: column + Self.keyWidth + 1, width: width - Self.keyWidth - 1,
                role: .dialog, ellipsis: glyphs.ellipsis)
        case .blank: break
        }
    }
}
