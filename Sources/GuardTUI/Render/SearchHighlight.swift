extension Screen {
    /// Paints each occurrence of `needle` (case-insensitively) in `text`, drawn from `column`:
    /// the search hits of the logs and inspect views.
    mutating func highlight(_ needle: String, in text: some StringProtocol, row: Int, column: Int) {
        guard !needle.isEmpty else { return }
        let needle = Array(needle.lowercased())
        let characters = Array(text.lowercased())
        // Lower-casing that changes the length (rare scripts) would put the paint off the text.
        guard characters.count >= needle.count, characters.count == text.count else { return }
        var index = 0
        while index + needle.count <= characters.count {
            if Array(characters[index..<(index + needle.count)]) == needle {
                paint(row: row, from: column + index, count: needle.count, role: .selection)
                index += needle.count
            } else {
                index += 1
            }
        }
    }

    /// The `/` prompt on `row` while a search or filter is typed (logs, inspect, timeline).
    mutating func searchPrompt(_ editor: LineEditor, row: Int, glyphs: Glyphs) {
        fill(row: row, role: .dialog)
        put("/", row: row, column: 0, role: .dialog)
        LineEditorView(editor: editor, role: .dialog, glyphs: glyphs).draw(
            on: &self, row: row, column: 1, width: width - 1)
    }
}
