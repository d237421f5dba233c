/// A run of bytes inside a buffer that outlives it. The parser's hot paths work on these with
/// plain index loops rather than on `String` and `Substring`, whose generic machinery is slow in
/// debug builds (a 10 MB file must still parse in well under a second there).
struct ByteSpan {
    let base: UnsafePointer<UInt8>
    /// Absolute indices into `base`.
    let start: Int
    let end: Int

    init(base: UnsafePointer<UInt8>, start: Int, end: Int) {
        self.base = base
        self.start = start
        self.end = end
    }

    /// The whole of `buffer`; an empty buffer may have no address, so it gets a dummy one.
    init(_ buffer: UnsafeBufferPointer<UInt8>) {
        self.init(base: buffer.baseAddress ?? ByteSpan.emptyBase, start: 0, end: buffer.count)
    }

    private static var emptyBase: UnsafePointer<UInt8> { UnsafePointer(bitPattern: 1)! }

    var count: Int { end - start }
    var isEmpty: Bool { start >= end }
    var first: UInt8? { start < end ? base[start] : nil }
    var last: UInt8? { start < end ? base[end - 1] : nil }

    func slice(_ from: Int, _ to: Int) -> ByteSpan { ByteSpan(base: base, start: from, end: to) }
    func prefix(upTo index: Int) -> ByteSpan { ByteSpan(base: base, start: start, end: index) }
    func suffix(after index: Int) -> ByteSpan { ByteSpan(base: base, start: index + 1, end: end) }
    func dropFirst(_ count: Int = 1) -> ByteSpan { ByteSpan(base: base, start: min(start + count, end), end: end) }

    func firstIndex(of byte: UInt8) -> Int? {
        var index = start
        while index < end {
            if base[index] == byte { return index }
            index += 1
        }
        return nil
    }

    func lastIndex(of byte: UInt8) -> Int? {
        var index = end - 1
        while index >= start {
            if base[index] == byte { return index }
            index -= 1
        }
        return nil
    }

    func contains(_ byte: UInt8) -> Bool { firstIndex(of: byte) != nil }

    /// Whether the bytes are exactly `literal` (ASCII).
    func equals(_ literal: StaticString) -> Bool {
        end - start == literal.utf8CodeUnitCount && hasPrefix(literal)
    }

    func hasPrefix(_ literal: StaticString) -> Bool {
        let length = literal.utf8CodeUnitCount
        guard end - start >= length else { return false }
        let bytes = literal.utf8Start
        var offset = 0
        while offset < length {
            if base[start + offset] != bytes[offset] { return false }
            offset += 1
        }
        return true
    }

    var string: String {
        String(decoding: UnsafeBufferPointer(start: base + start, count: end - start), as: UTF8.self)
    }
}

// Computed rather than stored: a stored static is reached through a lazy-initialisation check on
// every use in debug builds, which shows up when scanning megabytes.
extension UInt8 {
    static var tab: UInt8 { 0x09 }
    static var quote: UInt8 { 0x22 }
    static var star: UInt8 { 0x2A }
    static var dash: UInt8 { 0x2D }
    static var dot: UInt8 { 0x2E }
    static var slash: UInt8 { 0x2F }
    static var colon: UInt8 { 0x3A }
    static var equals: UInt8 { 0x3D }
    static var questionMark: UInt8 { 0x3F }
    static var at: UInt8 { 0x40 }
    static var leftBracket: UInt8 { 0x5B }
    static var backslash: UInt8 { 0x5C }
    static var rightBracket: UInt8 { 0x5D }
}
