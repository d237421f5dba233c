import Testing

@testable import DockerEngine

@Suite("MultiplexedStreamDecoder and LogLineSplitter")
struct MultiplexedStreamDecoderTests {
    static func frame(_ stream: UInt8, _ text: String) -> [UInt8] {
        let payload = Array(text.utf8)
        let size = UInt32(payload.count)
        return [
            stream, 0, 0, 0, UInt8(size >> 24), UInt8(size >> 16 & 0xFF), UInt8(size >> 8 & 0xFF), UInt8(size & 0xFF),
        ]
            + payload
    }

    /// Three frames: stdout with a whole line and half of the next, stderr with a line, stdout
    /// ending the half line; then an empty frame.
    static let stream =
        frame(1, "first line\nsecond ") + frame(2, "oops\n") + frame(1, "half\n") + frame(1, "")

    static func lines(_ chunks: [[UInt8]]) throws -> [LogLine] {
        var decoder = MultiplexedStreamDecoder()
        var splitter = LogLineSplitter()
        var lines: [LogLine] = []
        for chunk in chunks {
            for piece in try decoder.feed(chunk) { lines += splitter.feed(piece) }
        }
        #expect(decoder.isAtBoundary)
        return lines + splitter.finish()
    }

    static let expected = [
        LogLine(stream: .stdout, bytes: Array("first line".utf8)),
        LogLine(stream: .stderr, bytes: Array("oops".utf8)),
        LogLine(stream: .stdout, bytes: Array("second half".utf8)),
    ]

    @Test("the same lines however the bytes are split in two", arguments: 0...stream.count)
    func everySplitPoint(split: Int) throws {
        let lines = try Self.lines([Array(Self.stream[..<split]), Array(Self.stream[split...])])
        #expect(lines == Self.expected)
    }

    @Test("one byte at a time, and all at once")
    func extremes() throws {
        #expect(try Self.lines(Self.stream.map { [$0] }) == Self.expected)
        #expect(try Self.lines([Self.stream]) == Self.expected)
    }

    @Test("a payload arriving in pieces comes out in pieces of its stream, never merged with the next frame")
    func pieces() throws {
        var decoder = MultiplexedStreamDecoder()
        let bytes = Self.frame(2, "abcdef") + Self.frame(1, "xy")
        let first = try decoder.feed(bytes[0..<11])
        #expect(first == [LogChunk(stream: .stderr, bytes: Array("abc".utf8))])
        #expect(!decoder.isAtBoundary)
        let rest = try decoder.feed(bytes[11...])
        #expect(
            rest == [
                LogChunk(stream: .stderr, bytes: Array("def".utf8)), LogChunk(stream: .stdout, bytes: Array("xy".utf8)),
            ])
    }

    @Test("a header that names no stream is an error, not garbage on screen")
    func badStream() {
        var decoder = MultiplexedStreamDecoder()
        #expect(throws: MultiplexedStreamDecoder.DecodeError.badStream(UInt8(ascii: "h"))) {
            try decoder.feed(Array("hello world\n".utf8))
        }
    }

    @Test("a line without a newline is cut at the bound; CRLF loses its CR; invalid UTF-8 passes as bytes")
    func splitterBounds() {
        var splitter = LogLineSplitter(maxLineBytes: 4)
        let lines = splitter.feed(LogChunk(stream: .stdout, bytes: Array("abcdefg\r\n".utf8) + [0xFF, 0xFE, 0x0A]))
        #expect(lines.map(\.bytes) == [Array("abcd".utf8), Array("efg".utf8), [0xFF, 0xFE]])
    }
}
