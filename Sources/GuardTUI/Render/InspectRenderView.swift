/// The inspect view (`i`) over the body: a title (container, lines, how many secret values are
/// masked and how to show them, where the view is), then the JSON, long lines cut; search hits
/// highlighted, the search prompt on the last line while it is typed.
struct InspectRenderView {
    var view: InspectView
    var glyphs: Glyphs

    func draw(on screen: inout Screen, band: DashboardLayout.Band) {
        guard band.height > 0 else { return }
        for y in band.rows { screen.fill(row: y, role: .normal) }
        screen.fill(row: band.top, role: .dialogTitle)
        screen.put(
            title(rows: band.height - 1), row: band.top, column: 1, width: screen.width - 2, role: .dialogTitle,
            ellipsis: glyphs.ellipsis)
        var rows = band.height - 1
        if let editor = view.searchEditor, rows > 0 {
            let y = band.bottom - 1
            screen.searchPrompt(editor, row: y, glyphs: glyphs)
            rows -= 1
        }
        guard rows > 0 else { return }
        guard view.text != nil else {
            let (note, role): (String, Role) =
                view.error.map { ("cannot inspect \(view.name): \($0)", .error) }
                ?? ("asking the engine\(glyphs.ellipsis)", .muted)
            screen.put(
                note, row: band.top + 1, column: 1, width: screen.width - 2, role: role, ellipsis: glyphs.ellipsis)
            return
        }
        let top = min(view.top, max(view.lineCount - rows, 0))
        for offset in 0..<min(rows, max(view.lineCount - top, 0)) {
            let index = top + offset
            let y = band.top + 1 + offset
            let text = view.line(index)
            let masked = !view.showSecrets && view.text?.lines[index].masked != nil
            screen.put(
                text, row: y, column: 1, width: screen.width - 1, role: masked ? .muted : .normal,
                ellipsis: glyphs.ellipsis)
            if index == view.hit { screen.paint(row: y, from: 0, count: 1, role: .selection) }
            screen.highlight(view.search, in: text, row: y, column: 1)
        }
    }

    func title(rows: Int) -> String {
        var parts = ["inspect \(view.name)"]
        guard let text = view.text else { return parts[0] }
        parts.append("\(text.lines.count) lines")
        let secrets = text.secretCount
        if secrets > 0 {
            let plural = secrets == 1 ? "" : "s"
            parts.append(
                view.showSecrets
                    ? "\(secrets) secret value\(plural) SHOWN (M masks)"
                    : "\(secrets) secret value\(plural) masked (M shows)")
        }
        if text.lines.count > rows {
            let top = min(view.top, max(text.lines.count - rows, 0))
            parts.append("\(top + 1)\(glyphs.dash)\(min(top + rows, text.lines.count))")
        }
        return parts.joined(separator: "  ")
    }
}
