/// Cuts a byte stream of concatenated JSON objects into whole objects, however the bytes arrive:
/// one object split across many chunks, or several objects in one chunk, with or without newlines
/// between them. It tracks brace depth outside strings, so a `}` inside a string cannot end an object.
public struct JSONStreamSplitter: Sendable {
    /// An object larger than this is an error rather than unbounded buffering.
    public let maxObjectBytes: Int

    private var pending: [UInt8] = []
    private var depth = 0
    private var inString = false
    private var escaped = false

    public init(maxObjectBytes: Int = 1 << 20) {
        self.maxObjectBytes = maxObjectBytes
    }

    public enum SplitError: Error, Equatable {
        case objectTooLarge(Int)
        case unexpectedByte(UInt8)
    }

    /// Consumes `bytes` and returns every object they complete, in order.
    public mutating func feed(_ bytes: some Sequence<UInt8>) throws(SplitError) -> [[UInt8]] {
        var objects: [[UInt8]] = []
        for byte in bytes {
            if depth == 0 {
                switch byte {
                case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"):
                    continue
                case UInt8(ascii: "{"):
                    break
                default:
                    throw .unexpectedByte(byte)
                }
            }
            pending.append(byte)
            guard pending.count <= maxObjectBytes else { throw .objectTooLarge(pending.count) }
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 {
                    objects.append(pending)
                    pending.removeAll(keepingCapacity: true)
                }
            default: break
            }
        }
        return objects
    }

    /// Bytes of an object begun but not finished.
    public var bufferedByteCount: Int { pending.count }
}
