/// The help overlay (`?`): every key, the dashboard's, the logs and inspect views', the
/// decisions view's, the allow dialog's, then the editor's, flowed into two columns when the
/// terminal is wide enough. On a terminal too short for all of them it scrolls (j/k, PgUp/PgDn,
/// g/G) and the last line says which lines show.
struct HelpView {
    var glyphs: Glyphs
    /// The first line shown, when they do not all fit.
    var scroll = 0
    /// `x` is offered (the docker CLI on PATH, not read-only).
    var exec = false

    static let keyWidth = 9
    static let columnWidth = 36

    enum Line: Equatable {
        case heading(String)
        case key(String, String)
        case blank
    }

    var lines: [Line] {
        let dashboard: [(String, String)] =
            [
                ("j/k \(glyphs.up)/\(glyphs.down)", "move"), ("g/G", "top / bottom"), ("PgUp/PgDn", "page up / down"),
                ("Enter", "details / fold project"), ("l", "logs (follow live)"), ("i", "inspect (M: secrets)"),
                ("v", "the guard's decisions"),
            ] + (exec ? [("x", "shell (docker exec sh)")] : []) + [
                ("c", "CPU / memory columns"), ("/", "filter"), ("Space", "mark / unmark"),
                ("Esc", "clear marks, filter"),
                ("P", "group by Compose project"),
                ("o", "sort column"),
                ("O", "reverse sort"),
                ("A", "show stopped"), ("a", "allow (marked: all)"), ("d", "remove the rule allowing it"),
                ("e", "allow-list editor"), ("s", "stop selected/marked"), ("S", "stop all violating"),
                ("y", "act on pending (asks)"), ("Y", "act on all pending (asks)"), ("m", "mode (asks which)"),
                ("t", "theme"),
                ("u", "undo last save"), ("?", "help"), ("q", "quit"),
            ]
        // The views' own keys (DashboardMachine+Logs, +Inspect); the table's j/k, g/G and PgUp/PgDn
        // work there too.
        let views: [(String, String)] = [
            ("/", "search"), ("n/N", "next / previous match (logs: older / newer)"), ("G", "bottom (logs: follow)"),
            ("Space", "page down"), ("f", "logs: pause / follow"), ("w", "logs: wrap lines"),
            ("t", "logs: timestamps"), ("M", "inspect: secrets on/off"), ("q/Esc", "close the view"),
        ]
        let decisions: [(String, String)] = [
            ("/", "filter"), ("Enter", "go to its container"), ("Esc", "filter off, then close"),
        ]
        let allow: [(String, String)] = [
            ("1-3, j/k", "choose a rule"), ("e/Tab", "edit it"), ("Enter", "save it"), ("Esc", "cancel"),
        ]
        let editor: [(String, String)] = [
            ("j/k", "move"), ("Enter/i", "edit line"), ("o", "add line below"), ("O", "add line above"),
            ("x/Delete", "delete line"), ("w", "save"), ("u", "undo (unsaved, then saves)"), ("Esc", "close"),
        ]
        return [.heading("dashboard")] + dashboard.map { .key($0.0, $0.1) }
            + [.blank, .heading("logs (l) and inspect (i)")] + views.map { .key($0.0, $0.1) }
            + [.blank, .heading("decisions (v)")] + decisions.map { .key($0.0, $0.1) }
            + [.blank, .heading("allow (a)")] + allow.map { .key($0.0, $0.1) }
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
        let perColumn = (lines.count + columns - 1) / columns
        guard perColumn > rows else {
            // Where the second column starts. A heading never ends the first one, away from its
            // keys (the seventh trial read the logs' keys atop the second column as the
            // dashboard's): it starts the second, when that still fits.
            var split = perColumn
            if columns == 2, split > 0, case .heading = lines[split - 1], lines.count - split + 1 <= rows { split -= 1 }
            for (index, line) in lines.enumerated() {
                let second = columns == 2 && index >= split
                let x = 1 + (second ? columnWidth + 2 : 0)
                draw(
                    line, on: &screen, row: band.top + 1 + (second ? index - split : index), column: x,
                    width: columnWidth)
            }
            return
        }
        // Too short for every key: a window of them, scrolled, and a line saying where it is.
        let window = max(rows - 1, 0)
        let first = Self.clampedScroll(scroll, lines: lines.count, window: window * columns)
        let shown = Array(lines.dropFirst(first).prefix(window * columns))
        for (index, line) in shown.enumerated() where window > 0 {
            let x = 1 + (index / window) * (columnWidth + 2)
            draw(line, on: &screen, row: band.top + 1 + index % window, column: x, width: columnWidth)
        }
        let position = "\(first + 1)\(glyphs.dash)\(first + shown.count) of \(lines.count)  j/k PgUp/PgDn scroll"
        screen.put(
            position, row: band.bottom - 1, column: 1, width: inner, role: .muted, ellipsis: glyphs.ellipsis)
    }

    /// The first line shown: never past the point where the window would end early.
    static func clampedScroll(_ scroll: Int, lines: Int, window: Int) -> Int {
        min(max(scroll, 0), max(lines - window, 0))
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
