import Testing

@testable import DockerEngine

@Suite("JSONStreamSplitter")
struct JSONStreamSplitterTests {
    let objects = [
        #"{"a":1}"#,
        #"{"text":"braces } and { in a string","quote":"\"}\""}"#,
        #"{"nested":{"list":[1,{"x":"]"}],"escaped":"back\\slash"}}"#,
    ]

    @Test("several objects in one chunk, with and without newlines")
    func severalInOneChunk() throws {
        for separator in ["", "\n", "\r\n", " \n\t"] {
            var splitter = JSONStreamSplitter()
            let stream = objects.joined(separator: separator) + separator
            let result = try splitter.feed(Array(stream.utf8))
            #expect(result.map { String(decoding: $0, as: UTF8.self) } == objects)
            #expect(splitter.bufferedByteCount == 0)
        }
    }

    @Test("an object split at every possible byte boundary")
    func splitAtEveryBoundary() throws {
        let stream = Array(objects.joined(separator: "\n").utf8)
        for cut in 0...stream.count {
            var splitter = JSONStreamSplitter()
            let first = try splitter.feed(stream[..<cut])
            let second = try splitter.feed(stream[cut...])
            #expect((first + second).map { String(decoding: $0, as: UTF8.self) } == objects, "cut at \(cut)")
        }
    }

    @Test("one byte at a time")
    func byteByByte() throws {
        var splitter = JSONStreamSplitter()
        var result: [[UInt8]] = []
        for byte in objects.joined().utf8 { result += try splitter.feed([byte]) }
        #expect(result.count == objects.count)
    }

    @Test("an unfinished object stays buffered until its end arrives")
    func unfinished() throws {
        var splitter = JSONStreamSplitter()
        #expect(try splitter.feed(Array(#"{"a":"#.utf8)).isEmpty)
        #expect(splitter.bufferedByteCount == 5)
        #expect(try splitter.feed(Array("2}".utf8)).count == 1)
    }

    @Test("garbage between objects is an error, not a hang")
    func garbage() {
        var splitter = JSONStreamSplitter()
        #expect(throws: JSONStreamSplitter.SplitError.unexpectedByte(UInt8(ascii: "x"))) {
            try splitter.feed(Array("x{}".utf8))
        }
    }

    @Test("an object beyond the size limit is refused")
    func tooLarge() {
        var splitter = JSONStreamSplitter(maxObjectBytes: 16)
        #expect(throws: JSONStreamSplitter.SplitError.objectTooLarge(17)) {
            try splitter.feed(Array(#"{"key":"0123456789"}"#.utf8))
        }
    }
}
