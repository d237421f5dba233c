/// A bordered box centred on the screen, shared by the rule proposal and every dialog. At most
/// 70 cells wide and never wider than the screen; when the screen is short, the list (targets,
/// choices) gives way first, ending in "and N more", so the question and its answer keys stay.
struct DialogBox {
    struct Line {
        var text: String
        var role: Role = .dialog
        /// Prose, broken into lines at the box's width; otherwise truncated.
        var wraps = false
        /// Coloured across the box's whole inside (the selected choice).
        var spans = false
    }

    static let maxWidth = 70
    static let narrowScreen = 60

    var title: String
    var body: [Line] = []
    var list: [Line] = []
    var input: (prompt: String, editor: LineEditor)?
    var footer: [Line] = []
    /// Key hints, longest first: the first that fits is shown.
    var hints: [String] = []
    var glyphs: Glyphs

    func width(screenWidth: Int) -> Int {
        let texts =
            [title.count + 2] + (body + list + footer).map(\.text.count) + [hints.first?.count ?? 0]
            + [input.map { $0.prompt.count + $0.editor.characters.count + 1 } ?? 0]
        let natural = max(texts.max()! + 4, 34)
        // On a narrow screen the box takes the whole width (less a margin), so no scrap of the
        // table shows beside it.
        if screenWidth < Self.narrowScreen { return max(screenWidth - 2, 0) }
        return max(min(natural, Self.maxWidth, screenWidth - 2), 0)
    }

    func draw(on screen: inout Screen) {
        let boxWidth = width(screenWidth: screen.width)
        let inner = boxWidth - 4
        guard inner > 0, screen.height >= 3 else { return }
        let expand = { (lines: [Line]) in
            lines.flatMap { line in
                line.wraps
                    ? TextFit.wrap(line.text, to: inner, ellipsis: glyphs.ellipsis).map {
                        Line(text: $0, role: line.role)
                    } : [line]
            }
        }
        var body = expand(self.body)
        let hint = hints.first { $0.count <= inner } ?? hints.last
        let room = screen.height - 2
        let answer = (input == nil ? 0 : 1) + (hint == nil ? 0 : 1)
        // A long error must not push the answer line out of the box.
        let footer = Array(expand(self.footer).prefix(max(room - answer, 0)))
        let fixed = footer.count + answer
        // Each entry may wrap onto several lines; entries are kept or left out whole.
        let entries = self.list.map { expand([$0]) }
        var list = entries.flatMap { $0 }
        let listRoom = room - fixed - body.count
        if list.count > max(listRoom, 0) {
            var kept: [Line] = []
            var keptEntries = 0
            for entry in entries {
                guard kept.count + entry.count <= listRoom - 1 else { break }
                kept += entry
                keptEntries += 1
            }
            list = kept + (listRoom > 0 ? [Line(text: "and \(entries.count - keptEntries) more", role: .muted)] : [])
        }
        body = Array(body.prefix(max(room - fixed - list.count, 0)))
        // A blank line between what is asked and how to answer, when there is room for it.
        let spacer = fixed > 0 && body.count + list.count > 0 && body.count + list.count + fixed < room ? 1 : 0
        let height = min(2 + body.count + list.count + spacer + fixed, screen.height)
        let left = (screen.width - boxWidth) / 2
        let top = (screen.height - height) / 2
        drawFrame(on: &screen, left: left, top: top, width: boxWidth, height: height)
        var y = top + 1
        for line in body + list {
            if line.spans { screen.fill(row: y, from: left + 1, count: boxWidth - 2, role: line.role) }
            screen.put(line.text, row: y, column: left + 2, width: inner, role: line.role, ellipsis: glyphs.ellipsis)
            y += 1
        }
        y += spacer
        if let input {
            let x = screen.put(
                input.prompt, row: y, column: left + 2, width: inner, role: .dialog, ellipsis: glyphs.ellipsis)
            LineEditorView(editor: input.editor, role: .dialog, glyphs: glyphs)
                .draw(on: &screen, row: y, column: x, width: left + 2 + inner - x)
            y += 1
        }
        for line in footer {
            screen.put(line.text, row: y, column: left + 2, width: inner, role: line.role, ellipsis: glyphs.ellipsis)
            y += 1
        }
        if let hint {
            screen.put(hint, row: y, column: left + 2, width: inner, role: .muted, ellipsis: glyphs.ellipsis)
        }
    }

    private func drawFrame(on screen: inout Screen, left: Int, top: Int, width: Int, height: Int) {
        for y in top..<(top + height) {
            // A blank margin each side: a table row cut with `…` must not touch the border.
            screen.fill(row: y, from: max(left - 1, 0), count: width + (left > 0 ? 2 : 1), role: .normal)
            screen.fill(row: y, from: left, count: width, role: .dialog)
            screen.put(String(glyphs.vertical), row: y, column: left, role: .dialogTitle)
            screen.put(String(glyphs.vertical), row: y, column: left + width - 1, role: .dialogTitle)
        }
        let rule = String(repeating: glyphs.horizontal, count: max(width - 2, 0))
        screen.put(String(glyphs.topLeft) + rule + String(glyphs.topRight), row: top, column: left, role: .dialogTitle)
        screen.put(
            String(glyphs.bottomLeft) + rule + String(glyphs.bottomRight), row: top + height - 1, column: left,
            role: .dialogTitle)
        let title = TextFit.truncate(title, to: width - 4, ellipsis: glyphs.ellipsis)
        screen.put(" \(title) ", row: top, column: left + 1, role: .dialogTitle, limit: width - 2)
    }
}
