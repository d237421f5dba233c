/// Reads JSON object keys the way the engine's Go decoder matches them to fields: case-insensitively
/// (with Unicode's simple folding, so `ſ` is `s` and the Kelvin sign is `k`), the last of
/// duplicate keys winning, and a struct given twice merged. A body whose keys only that decoder
/// would understand must not hide a field from the guard, so ``hasAmbiguousKeys(_:)`` finds every
/// object with two keys that fold alike: the guard then treats the body as unreadable.
enum JSONKeyFolding {
    /// A key as Go's `EqualFold` compares it.
    static func folded(_ key: String) -> String {
        var result = ""
        result.unicodeScalars.reserveCapacity(key.unicodeScalars.count)
        for scalar in key.unicodeScalars {
            switch scalar.value {
            case 0x41...0x5A: result.unicodeScalars.append(Unicode.Scalar(scalar.value + 0x20)!)
            case 0x17F: result.unicodeScalars.append("s")  // LATIN SMALL LETTER LONG S
            case 0x212A: result.unicodeScalars.append("k")  // KELVIN SIGN
            case 0...0x7F: result.unicodeScalars.append(scalar)
            default: result += String(scalar).lowercased()
            }
        }
        return result
    }

    /// Whether any object in `bytes` (valid JSON) has two keys that fold alike, exact duplicates
    /// included. Escaped keys are decoded first.
    static func hasAmbiguousKeys(_ bytes: [UInt8]) -> Bool {
        var scanner = Scanner(bytes: bytes)
        return scanner.scan()
    }

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0
        /// Per open container: nil for an array, else whether an object's key comes next.
        var expectingKey: [Bool?] = []
        /// Per open container: an object's folded keys so far (mutated in place: a body of many
        /// labels must stay linear).
        var keys: [Set<String>] = []

        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func scan() -> Bool {
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "{"):
                    expectingKey.append(true)
                    keys.append([])
                case UInt8(ascii: "["):
                    expectingKey.append(nil)
                    keys.append([])
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    if !keys.isEmpty {
                        keys.removeLast()
                        expectingKey.removeLast()
                    }
                case UInt8(ascii: ","):
                    if let last = expectingKey.indices.last, expectingKey[last] != nil { expectingKey[last] = true }
                case UInt8(ascii: "\""):
                    let string = readString()
                    if let last = expectingKey.indices.last, expectingKey[last] == true {
                        expectingKey[last] = false
                        guard keys[last].insert(folded(string)).inserted else { return true }
                    }
                    continue
                default: break
                }
                index += 1
            }
            return false
        }

        /// The string starting at `index` (a quote), unescaped; `index` ends after its closing quote.
        mutating func readString() -> String {
            index += 1
            var scalars = String.UnicodeScalarView()
            var raw: [UInt8] = []
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    index += 1
                    break
                }
                if byte == UInt8(ascii: "\\"), index + 1 < bytes.count {
                    flush(&raw, into: &scalars)
                    let escaped = bytes[index + 1]
                    index += 2
                    switch escaped {
                    case UInt8(ascii: "u"):
                        var value = hex4()
                        if (0xD800..<0xDC00).contains(value), index + 1 < bytes.count,
                            bytes[index] == UInt8(ascii: "\\"),
                            bytes[index + 1] == UInt8(ascii: "u")
                        {
                            index += 2
                            let low = hex4()
                            value = 0x10000 + ((value - 0xD800) << 10) + (low &- 0xDC00)
                        }
                        scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
                    case UInt8(ascii: "n"): scalars.append("\n")
                    case UInt8(ascii: "t"): scalars.append("\t")
                    case UInt8(ascii: "r"): scalars.append("\r")
                    case UInt8(ascii: "b"): scalars.append("\u{8}")
                    case UInt8(ascii: "f"): scalars.append("\u{C}")
                    default: scalars.append(Unicode.Scalar(escaped))
                    }
                    continue
                }
                raw.append(byte)
                index += 1
            }
            flush(&raw, into: &scalars)
            return String(scalars)
        }

        private mutating func hex4() -> UInt32 {
            guard index + 4 <= bytes.count else {
                index = bytes.count
                return 0xFFFD
            }
            let text = String(decoding: bytes[index..<index + 4], as: UTF8.self)
            index += 4
            return UInt32(text, radix: 16) ?? 0xFFFD
        }

        private func flush(_ raw: inout [UInt8], into scalars: inout String.UnicodeScalarView) {
            guard !raw.isEmpty else { return }
            scalars.append(contentsOf: String(decoding: raw, as: UTF8.self).unicodeScalars)
            raw.removeAll(keepingCapacity: true)
        }
    }
}
