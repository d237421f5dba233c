import DockerEngine

/// One line of a container's output as the dashboard shows it: text that is safe to draw
/// (invalid UTF-8 replaced, terminal escapes and control characters taken out, tabs expanded),
/// the engine's timestamp apart, and whether it came on stderr.
public struct LogEntry: Sendable, Hashable {
    /// RFC 3339 with nanoseconds, as the engine stamped the line; nil when it was not.
    public var time: String?
    public var text: String
    public var isStderr: Bool

    public init(time: String?, text: String, isStderr: Bool = false) {
        self.time = time
        self.text = text
        self.isStderr = isStderr
    }

    /// `timestamped`: the line begins with the engine's `2026-12-02T04:00:00.123456789Z ` prefix.
    public init(_ line: LogLine, timestamped: Bool) {
        var bytes = line.bytes[...]
        var time: String?
        if timestamped, let space = bytes.firstIndex(of: UInt8(ascii: " ")), space - bytes.startIndex <= 40 {
            time = String(decoding: bytes[..<space], as: UTF8.self)
            bytes = bytes[(space + 1)...]
        }
        self.init(time: time, text: Self.displayable(bytes), isStderr: line.stream == .stderr)
    }

    /// Text that cannot move the cursor or change colours: ANSI/VT escape sequences dropped, tabs
    /// expanded to 8 columns, other control characters shown as `?`, bad UTF-8 as U+FFFD.
    static func displayable(_ bytes: some Collection<UInt8>) -> String {
        let decoded = String(decoding: bytes, as: UTF8.self)
        var out = String.UnicodeScalarView()
        var scalars = decoded.unicodeScalars.makeIterator()
        var column = 0
        while let scalar = scalars.next() {
            switch scalar.value {
            case 0x1B:
                // CSI (ESC [ … final byte 0x40–0x7E) or OSC (ESC ] … BEL or ESC \): skipped whole.
                guard let next = scalars.next() else { break }
                if next == "[" {
                    while let s = scalars.next(), !(0x40...0x7E).contains(s.value) {}
                } else if next == "]" {
                    var last: Unicode.Scalar = " "
                    while let s = scalars.next() {
                        if s.value == 0x07 || (last.value == 0x1B && s == "\\") { break }
                        last = s
                    }
                }
            case 0x09:
                let spaces = 8 - column % 8
                for _ in 0..<spaces { out.append(" ") }
                column += spaces
            case 0x0D:
                continue  // a carriage return inside a line (progress bars): keep the text
            case 0..<0x20, 0x7F, 0x80..<0xA0:
                out.append("?")
                column += 1
            default:
                out.append(scalar)
                column += 1
            }
        }
        return String(out)
    }
}

/// Lines of a followed log as the views show them, and how many were skipped before them because
/// the reader fell behind (see ``ContainerViews/followLogs(_:tail:keepingAtMost:)``).
public struct LogEntryBatch: Sendable, Equatable {
    public var entries: [LogEntry]
    public var skippedBefore: Int

    public init(entries: [LogEntry], skippedBefore: Int = 0) {
        self.entries = entries
        self.skippedBefore = skippedBefore
    }
}
