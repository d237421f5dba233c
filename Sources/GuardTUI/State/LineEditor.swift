/// A one-line text editor: the filter prompt, the rule proposal and the allow-list panel use it.
public struct LineEditor: Sendable, Equatable {
    public private(set) var characters: [Character]
    /// Insertion point, 0...characters.count.
    public private(set) var cursor: Int

    public init(_ text: String = "") {
        characters = Array(text)
        cursor = characters.count
    }

    public var text: String { String(characters) }

    public enum Outcome: Sendable, Equatable {
        /// The text or cursor may have changed; keep editing.
        case editing
        /// Enter.
        case submit
        /// Esc.
        case cancel
        /// Not a line-editing key.
        case ignored
    }

    /// Applies one key: printable characters insert, arrows/Home/End move, Backspace/Delete erase,
    /// Ctrl-A/E/U/K/W as in a shell.
    public mutating func handle(_ key: Key) -> Outcome {
        switch key {
        case .character(let character):
            guard !character.isNewline else { return .submit }
            characters.insert(character, at: cursor)
            cursor += 1
        case .left, .control("b"): cursor = max(cursor - 1, 0)
        case .right, .control("f"): cursor = min(cursor + 1, characters.count)
        case .home, .control("a"): cursor = 0
        case .end, .control("e"): cursor = characters.count
        case .backspace:
            guard cursor > 0 else { return .editing }
            cursor -= 1
            characters.remove(at: cursor)
        case .delete, .control("d"):
            guard cursor < characters.count else { return .editing }
            characters.remove(at: cursor)
        case .control("u"):
            characters.removeFirst(cursor)
            cursor = 0
        case .control("k"): characters.removeLast(characters.count - cursor)
        case .control("w"):
            var start = cursor
            while start > 0, characters[start - 1] == " " { start -= 1 }
            while start > 0, characters[start - 1] != " " { start -= 1 }
            characters.removeSubrange(start..<cursor)
            cursor = start
        case .enter: return .submit
        case .escape: return .cancel
        default: return .ignored
        }
        return .editing
    }
}
