import GuardCore

/// The allow-list panel (`e`): the draft's lines with their numbers, the line being edited with
/// its cursor, and what is wrong with the draft, located to the column.
struct EditorPanelView {
    var editor: AllowListEditor
    var glyphs: Glyphs
    /// `--readonly`: the list can be read, not changed, and the hints say so.
    var readonly = false

    /// The panel's keys, each with its priority when the width cannot show them all.
    static let hints: [(String, Int)] = [
        ("Enter edit", 9), ("o add", 6), ("x delete", 5), ("u undo", 4), ("w save", 7), ("Esc close", 8),
    ]
    /// While a line is being edited, Enter and Esc are that line's (the fifth trial read `Esc close`).
    static let lineHints: [(String, Int)] = [("Enter keep the line", 9), ("Esc undo the line", 8)]

    func draw(on screen: inout Screen, band: DashboardLayout.Band) {
        guard band.height >= 3 else { return }
        for y in band.rows { screen.fill(row: y, role: .dialog) }
        screen.fill(row: band.top, role: .dialogTitle)
        var title = [Segment("allow-list \(editor.path)", .dialogTitle, priority: 5, mayTruncate: true)]
        if editor.isDirty { title.append(Segment("modified", .dialogTitle, priority: 9)) }
        if readonly { title.append(Segment("read-only", .dialogTitle, priority: 9)) }
        screen.put(Segment.fit(title, width: screen.width - 2, ellipsis: glyphs.ellipsis), row: band.top, column: 1)

        let (lines, editingIndex) = draftLines()
        let highlighted = editingIndex ?? editor.cursor
        let visible = band.height - 2
        let count = max(lines.count, highlighted + 1)
        let top = TextFit.scrollTop(selected: highlighted, top: editor.scrollTop, count: count, visible: visible)
        let gutter = Gutter(numberWidth: max(String(lines.count).count, 2), screenWidth: screen.width)
        for index in top..<min(top + visible, count) {
            let text = index < lines.count ? lines[index] : nil
            drawLine(
                index, text: text, isEditing: index == editingIndex, isHighlighted: index == highlighted,
                row: band.top + 1 + index - top, gutter: gutter, on: &screen)
        }
        if lines.isEmpty, editingIndex == nil {
            screen.put(
                "empty file: o adds a line", row: band.top + 1, column: gutter.textX, width: gutter.textWidth,
                role: .muted,
                ellipsis: glyphs.ellipsis)
        }
        drawBottomLine(on: &screen, row: band.bottom - 1, highlighted: highlighted)
    }

    /// Where the line numbers end and the text begins.
    struct Gutter {
        var numberWidth: Int
        var screenWidth: Int
        var textX: Int { 1 + numberWidth + 1 }
        var textWidth: Int { screenWidth - textX - 1 }
    }

    /// One line: its number, its text (or the line editor), and its error's column in role error.
    private func drawLine(
        _ index: Int, text: String?, isEditing: Bool, isHighlighted: Bool, row y: Int, gutter: Gutter,
        on screen: inout Screen
    ) {
        let error = editor.error(onLine: index)
        let isComment = (text ?? "").trimmingPrefix(while: { $0 == " " || $0 == "\t" }).first.map { $0 == "#" } ?? true
        let role: Role = isHighlighted ? .selection : isComment ? .muted : .dialog
        if isHighlighted { screen.fill(row: y, role: .selection) }
        let number = text == nil ? "" : String(index + 1)
        let numberText = String(repeating: " ", count: gutter.numberWidth - number.count) + number
        screen.put(numberText, row: y, column: 1, role: error != nil ? .error : isHighlighted ? .selection : .muted)
        var scrolled = 0
        if isEditing, let editing = editor.editing {
            LineEditorView(editor: editing.editor, role: role, glyphs: glyphs).draw(
                on: &screen, row: y, column: gutter.textX, width: gutter.textWidth)
            scrolled = LineEditorView.firstVisible(cursor: editing.editor.cursor, width: gutter.textWidth)
        } else {
            screen.put(
                text ?? "", row: y, column: gutter.textX, width: gutter.textWidth, role: role, ellipsis: glyphs.ellipsis
            )
        }
        guard let error, error.column > 0 else { return }
        let x = gutter.textX + error.column - 1 - scrolled
        if x >= gutter.textX, x < gutter.textX + gutter.textWidth, screen[y, x].role != .cursor {
            screen.paint(row: y, from: x, count: 1, role: .error)
        }
    }

    /// The first error (that of the highlighted line if it has one) or warning, with the keys
    /// that get out of it at the right; else the key hints.
    private func drawBottomLine(on screen: inout Screen, row: Int, highlighted: Int) {
        let width = screen.width - 2
        let message: (text: String, role: Role)?
        if let error = editor.error(onLine: highlighted) ?? editor.errors.first {
            let place = error.line > 0 ? "line \(error.line), column \(error.column): " : ""
            // The table's preview needs a valid draft: say that it is off, not let it vanish.
            message = ("preview off \(glyphs.dash) " + place + error.message, .error)
            screen.fill(row: row, role: .error)
        } else if let warning = editor.warnings.first(where: { $0.line == highlighted + 1 }) ?? editor.warnings.first {
            message = ("line \(warning.line): warning: \(warning.message)", .pending)
        } else {
            message = nil
        }
        guard let message else {
            let hints =
                readonly
                ? [Segment("j/k move", .muted, priority: 5), Segment("Esc close", .muted, priority: 9)]
                : (editor.editing == nil ? Self.hints : Self.lineHints).map { Segment($0.0, .muted, priority: $0.1) }
            screen.put(Segment.fit(hints, width: width, ellipsis: glyphs.ellipsis), row: row, column: 1)
            return
        }
        // The keys out stay in sight (the sixth trial found the bar without them while an error
        // showed) when the whole message fits beside them: the message is never cut for them.
        let keys = editor.editing != nil ? "Esc undo the line" : readonly ? "Esc close" : "u undo  Esc close"
        guard message.text.count + 2 + keys.count <= width else {
            screen.put(message.text, row: row, column: 1, width: width, role: message.role, ellipsis: glyphs.ellipsis)
            return
        }
        let keysColumn = 1 + width - keys.count
        screen.put(
            message.text, row: row, column: 1, width: width - keys.count - 2, role: message.role,
            ellipsis: glyphs.ellipsis)
        screen.paint(row: row, from: keysColumn - 1, count: keys.count + 2, role: .dialog)
        screen.put(keys, row: row, column: keysColumn, role: .muted)
    }

    /// The draft's lines with the line under edit in place (a new one inserted where it will go),
    /// and that line's index.
    func draftLines() -> ([String], Int?) {
        var lines = editor.document.lines
        guard let editing = editor.editing else { return (lines, nil) }
        if editing.isNew {
            let index = min(max(editing.line, 0), lines.count)
            lines.insert(editing.editor.text, at: index)
            return (lines, index)
        }
        guard lines.indices.contains(editing.line) else { return (lines, nil) }
        lines[editing.line] = editing.editor.text
        return (lines, editing.line)
    }
}
