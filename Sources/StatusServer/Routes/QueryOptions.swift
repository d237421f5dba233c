/// A query string read strictly: unknown parameters and unreadable values are errors, so a typo
/// such as `?al=true` is reported instead of silently answering something else.
struct QueryOptions {
    private var values: [String: String] = [:]

    struct Problem: Error {
        let message: String
    }

    /// Parses `query` (without the `?`), accepting only `allowed` parameter names.
    init(_ query: Substring?, allowed: Set<String>) throws(Problem) {
        guard let query, !query.isEmpty else { return }
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]), let value = Self.decode(parts.count > 1 ? parts[1] : "") else {
                throw Problem(message: "malformed query string")
            }
            guard allowed.contains(name) else {
                let known = allowed.sorted().joined(separator: ", ")
                throw Problem(
                    message: "unknown query parameter '\(name)'" + (known.isEmpty ? "" : " (known: \(known))"))
            }
            guard values[name] == nil else { throw Problem(message: "query parameter '\(name)' given twice") }
            values[name] = value
        }
    }

    /// A parameter's text as given, nil when absent.
    func string(_ name: String) -> String? { values[name] }

    /// A boolean parameter: `true`/`false`, `1`/`0`, `yes`/`no`; present without a value means true.
    func bool(_ name: String, default defaultValue: Bool = false) throws(Problem) -> Bool {
        guard let value = values[name] else { return defaultValue }
        switch value.lowercased() {
        case "", "true", "1", "yes": return true
        case "false", "0", "no": return false
        default:
            throw Problem(
                message:
                    "query parameter '\(name)' must be true, false, yes, no, 1 or 0 (empty means true), not '\(value)'")
        }
    }

    /// Percent-decoding with `+` as a space; nil when an escape is broken or the bytes are not UTF-8.
    private static func decode(_ text: Substring) -> String? {
        var bytes: [UInt8] = []
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"): bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                    return nil
                }
                bytes.append(high << 4 | low)
            default: bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
