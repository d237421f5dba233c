import CNcurses
import Glibc
import GuardTUI

/// The one object that talks to ncurses. It lives on the UI thread and nowhere else: created,
/// used and closed there.
final class NcursesTerminal {
    private(set) var width: Int
    private(set) var height: Int
    /// Whether the locale is UTF-8, so box drawing and verdict glyphs can be shown.
    let isUTF8: Bool
    /// How many colours the terminal has (0 when it has none).
    let colors: Int
    private var palette: ColorPalette
    private var theme: Theme
    /// Role → (attributes, pair), resolved once per theme.
    private var roleAttributes: [Role: (attr_t, Int16)] = [:]
    /// What is on the terminal now: only rows that differ are redrawn.
    private var shown: Screen?
    private var isOpen = true

    /// Sets the locale, enters curses mode and sets up colours. Call `close()` on every exit path.
    init(theme: Theme) {
        setlocale(LC_ALL, "")
        isUTF8 = String(cString: nl_langinfo(nl_item(CODESET))) == "UTF-8"
        initscr()
        cbreak()  // Ctrl-C still raises SIGINT, which ends the app cleanly
        noecho()
        nonl()
        keypad(dg_stdscr(), true)
        nodelay(dg_stdscr(), true)
        set_escdelay(25)
        curs_set(0)
        var colors = 0
        if has_colors() {
            start_color()
            use_default_colors()
            colors = Int(dg_colors())
        }
        self.colors = colors
        palette = ColorPalette(colorsAvailable: colors > 0)
        self.theme = theme
        width = Int(dg_cols())
        height = Int(dg_lines())
        resolveRoles()
    }

    /// Leaves curses mode: the terminal is as it was before.
    func close() {
        guard isOpen else { return }
        isOpen = false
        endwin()
    }

    /// Hands the terminal to another program (`x`'s shell): curses' modes saved, the terminal
    /// as it was before the dashboard.
    func suspend() {
        def_prog_mode()
        endwin()
    }

    /// Takes the terminal back after ``suspend()``: curses' modes again, every row redrawn, and
    /// the size asked again (the shell's window may have been resized meanwhile).
    func resume() {
        reset_prog_mode()
        resized(askingTheKernel: true)
        wrefresh(dg_stdscr())
    }

    func setTheme(_ theme: Theme) {
        self.theme = theme
        resolveRoles()
        shown = nil
    }

    /// The terminal changed size: take the new size and redraw everything next time.
    func resized(askingTheKernel: Bool = false) {
        if askingTheKernel { _ = dg_refresh_size() }
        width = Int(dg_cols())
        height = Int(dg_lines())
        shown = nil
    }

    /// Reads every key waiting (without blocking).
    func pendingKeys() -> [Key] {
        var keys: [Key] = []
        var code: wint_t = 0
        while true {
            let status = wget_wch(dg_stdscr(), &code)
            guard status != ERR else { break }
            if let key = KeyDecoder.decode(status: status, code: UInt32(code)) { keys.append(key) }
        }
        return keys
    }

    /// Draws `screen`, writing only the rows that changed since the last frame; returns whether
    /// anything did.
    @discardableResult
    func draw(_ screen: Screen) -> Bool {
        let full = shown.map { $0.width != screen.width || $0.height != screen.height } ?? true
        if full { werase(dg_stdscr()) }
        var changed = full
        for row in 0..<screen.height {
            let cells = screen.row(row)
            if !full, let shown, shown.row(row) == cells { continue }
            drawRow(row, cells)
            changed = true
        }
        shown = screen
        guard changed else { return false }
        wnoutrefresh(dg_stdscr())
        doupdate()
        return true
    }

    private func drawRow(_ row: Int, _ cells: ArraySlice<Screen.Cell>) {
        var column = 0
        var start = cells.startIndex
        var text: [wchar_t] = []
        text.reserveCapacity(cells.count)
        while start < cells.endIndex {
            let role = cells[start].role
            var end = start
            text.removeAll(keepingCapacity: true)
            while end < cells.endIndex, cells[end].role == role {
                // Most cells are ASCII: its fast path, not a walk of the Character's scalars (a
                // scrolling log redraws every cell of the screen 30 times a second).
                let character = cells[end].character
                if let ascii = character.asciiValue {
                    text.append(wchar_t(ascii))
                } else if let scalar = character.unicodeScalars.first {
                    text.append(wchar_t(bitPattern: scalar.value))
                }
                end += 1
            }
            let (attributes, pair) = roleAttributes[role] ?? (dg_a_normal(), 0)
            _ = dg_put(Int32(row), Int32(column), text, Int32(text.count), attributes, pair)
            column += end - start
            start = end
        }
    }

    private func resolveRoles() {
        roleAttributes = [:]
        for role in Role.allCases {
            let (attributes, pair) = palette.attributes(for: theme.style(for: role))
            roleAttributes[role] = (attributes, pair)
        }
    }
}
