/// The allow-list file as lines, comments and blank lines included, so that a program can add,
/// remove or change rules and save the file without disturbing what a person wrote.
///
/// Lines are numbered from 1, like ``AllowRule/line``. Each line keeps its own line ending;
/// new lines get the file's usual one (that of its first line, `\n` for an empty file).
public struct AllowListDocument: Sendable, Equatable {
    /// The lines, without their endings. Prefer the editing methods: they keep each line's ending.
    public var lines: [String]
    /// Each line's ending; lines beyond this array (assigned directly) use ``lineEnding``.
    private var endings: [LineEnding]

    /// An empty document.
    public init() {
        self.init(lines: [], endings: [])
    }

    /// Splits `text` the way the parser does (a leading byte order mark is dropped).
    public init(text: String) {
        var text = text
        self = text.withUTF8 { buffer in
            let lines = SourceLines.split(buffer)
            return AllowListDocument(
                lines: lines.map { String(decoding: UnsafeBufferPointer(rebasing: buffer[$0.range]), as: UTF8.self) },
                endings: lines.map(\.ending)
            )
        }
    }

    init(lines: [String], endings: [LineEnding]) {
        self.lines = lines
        self.endings = endings
    }

    /// `"\r\n"` when the file's first line ends that way, else `"\n"`.
    public var lineEnding: String { usualEnding.text }

    private var usualEnding: LineEnding {
        endings.first { $0 != .none } ?? .lf
    }

    /// The file's text: exactly what was parsed while unedited (minus a byte order mark).
    public func text() -> String {
        var text = ""
        for (index, line) in lines.enumerated() {
            text += line
            text += (index < endings.count ? endings[index] : usualEnding).text
        }
        return text
    }

    /// Adds `line` at the end; the file then ends with a newline.
    public mutating func append(_ line: String) {
        insert(line, at: lines.count + 1)
    }

    /// Inserts `line` so that it becomes line number `at` (1...count + 1); false if out of range.
    @discardableResult
    public mutating func insert(_ line: String, at number: Int) -> Bool {
        guard (1...lines.count + 1).contains(number) else { return false }
        alignEndings()
        // A last line without a newline gets one before anything follows it.
        if number == lines.count + 1, let last = endings.indices.last, endings[last] == .none {
            endings[last] = usualEnding
        }
        lines.insert(line, at: number - 1)
        endings.insert(usualEnding, at: number - 1)
        return true
    }

    /// Removes line `number`; false (and no change) if there is no such line.
    @discardableResult
    public mutating func remove(line number: Int) -> Bool {
        guard lines.indices.contains(number - 1) else { return false }
        alignEndings()
        lines.remove(at: number - 1)
        endings.remove(at: number - 1)
        return true
    }

    /// Replaces the text of line `number`, keeping its ending; false if there is no such line.
    @discardableResult
    public mutating func replace(line number: Int, with text: String) -> Bool {
        guard lines.indices.contains(number - 1) else { return false }
        lines[number - 1] = text
        return true
    }

    /// Brings `endings` back to one per line after `lines` was assigned directly.
    private mutating func alignEndings() {
        let usual = usualEnding
        if endings.count > lines.count { endings.removeLast(endings.count - lines.count) }
        while endings.count < lines.count { endings.append(usual) }
    }
}
