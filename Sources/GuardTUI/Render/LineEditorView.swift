/// A ``LineEditor`` on one row: its text with the cursor as a cell in role cursor, scrolled
/// sideways so the cursor is always in view; an ellipsis marks text cut off at either end.
struct LineEditorView {
    var editor: LineEditor
    var role: Role
    var glyphs: Glyphs

    func draw(on screen: inout Screen, row: Int, column: Int, width: Int) {
        guard width > 0 else { return }
        let characters = editor.characters
        let start = Self.firstVisible(cursor: editor.cursor, width: width)
        let end = min(max(characters.count, editor.cursor + 1), start + width)
        for index in start..<end {
            var character: Character = index < characters.count ? characters[index] : " "
            let x = column + index - start
            if index == editor.cursor {
                screen.put(String(character), row: row, column: x, role: .cursor)
                continue
            }
            if index == start, start > 0 { character = glyphs.ellipsis }
            if index == end - 1, end < characters.count { character = glyphs.ellipsis }
            screen.put(String(character), row: row, column: x, role: role)
        }
    }

    /// The first character shown: the line scrolls only as far as keeps the cursor in view.
    static func firstVisible(cursor: Int, width: Int) -> Int {
        max(cursor - width + 1, 0)
    }
}
