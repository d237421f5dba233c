import Glibc

/// How a line ended in the file, so that saving an edited file keeps its style.
enum LineEnding: Sendable, Hashable {
    case lf, crlf
    /// The last line of a file that does not end with a newline.
    case none

    var text: String {
        switch self {
        case .lf: "\n"
        case .crlf: "\r\n"
        case .none: ""
        }
    }
}

/// One physical line: where its content lies in the file's bytes and how it ended.
struct SourceLine {
    /// 1-based.
    let number: Int
    /// The content, without the line ending.
    let range: Range<Int>
    let ending: LineEnding
}

enum SourceLines {
    /// Splits `bytes` at `\n` (a `\r` right before it belongs to the ending). A leading UTF-8 byte
    /// order mark is skipped. A final newline does not start another, empty line.
    static func split(_ bytes: UnsafeBufferPointer<UInt8>) -> [SourceLine] {
        guard let base = bytes.baseAddress else { return [] }
        var start = hasByteOrderMark(bytes) ? 3 : 0
        var lines: [SourceLine] = []
        while start < bytes.count {
            // memchr keeps the scan fast even in debug builds, where a byte loop is slow.
            let found = memchr(base + start, Int32(UInt8(ascii: "\n")), bytes.count - start)
            guard let found else {
                lines.append(SourceLine(number: lines.count + 1, range: start..<bytes.count, ending: .none))
                break
            }
            let newline = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            let crlf = newline > start && bytes[newline - 1] == UInt8(ascii: "\r")
            let end = crlf ? newline - 1 : newline
            lines.append(SourceLine(number: lines.count + 1, range: start..<end, ending: crlf ? .crlf : .lf))
            start = newline + 1
        }
        return lines
    }

    static func hasByteOrderMark(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    }

    /// The offset of the first byte in `range` that does not start a valid UTF-8 sequence
    /// (truncated, overlong, surrogate or beyond U+10FFFF), or nil when all of it is valid.
    static func firstInvalidUTF8(_ file: UnsafePointer<UInt8>, _ range: Range<Int>) -> Int? {
        var index = range.lowerBound
        while index < range.upperBound {
            let lead = file[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length = lead & 0xE0 == 0xC0 ? 2 : lead & 0xF0 == 0xE0 ? 3 : lead & 0xF8 == 0xF0 ? 4 : 0
            guard length > 0, index + length <= range.upperBound else { return index }
            var scalar = UInt32(lead) & (0x7F >> UInt32(length))
            for offset in 1..<length {
                let byte = file[index + offset]
                guard byte & 0xC0 == 0x80 else { return index }
                scalar = scalar << 6 | UInt32(byte & 0x3F)
            }
            let smallest: UInt32 = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000
            guard scalar >= smallest, scalar <= 0x10FFFF, !(0xD800...0xDFFF).contains(scalar) else { return index }
            index += length
        }
        return nil
    }

    /// The 1-based column of byte `offset` within a line starting at `lineStart`, in Unicode scalars.
    static func column(of offset: Int, lineStart: Int, in file: UnsafePointer<UInt8>) -> Int {
        var column = 1
        var index = lineStart
        while index < offset {
            if file[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return column
    }
}
