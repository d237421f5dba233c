import GuardTUI
import Testing

@Suite struct LineEditorTests {
    @Test func typesMovesAndErases() {
        var editor = LineEditor("name=web")
        #expect(editor.handle(.home) == .editing)
        #expect(editor.handle(.delete) == .editing)
        #expect(editor.text == "ame=web")
        _ = editor.handle(.character("n"))
        _ = editor.handle(.end)
        _ = editor.handle(.backspace)
        #expect(editor.text == "name=we")
        #expect(editor.cursor == 7)
        _ = editor.handle(.control("w"))
        #expect(editor.text == "")
        #expect(editor.handle(.enter) == .submit)
        #expect(editor.handle(.escape) == .cancel)
        #expect(editor.handle(.pageDown) == .ignored)
    }

    @Test func cursorStaysInBounds() {
        var editor = LineEditor("ab")
        for _ in 0..<5 { _ = editor.handle(.right) }
        #expect(editor.cursor == 2)
        for _ in 0..<5 { _ = editor.handle(.left) }
        #expect(editor.cursor == 0)
        _ = editor.handle(.backspace)
        #expect(editor.text == "ab")
        _ = editor.handle(.control("k"))
        #expect(editor.text == "")
    }
}
