/// A container's inspect JSON as the inspect view shows it: one value per line, two spaces an
/// indent, keys in the engine's order (re-indented, never decoded, so nothing is reordered or
/// lost). Entries of `Config.Env` whose name or value looks secret (``SecretNames``) have a masked
/// form, shown unless the operator asks for the values (`M`).
public struct InspectText: Sendable, Equatable {
    public struct Line: Sendable, Equatable {
        public var text: String
        /// The line with the secret value replaced, when it holds one.
        public var masked: String?
    }

    public private(set) var lines: [Line] = []

    public var secretCount: Int { lines.reduce(0) { $0 + ($1.masked == nil ? 0 : 1) } }

    /// What `M` hides a secret value behind.
    public static let mask = "********"

    public init(json: String) {
        var printer = Printer()
        printer.run(Array(json.utf8))
        lines = printer.lines
    }

    /// The line as shown: masked unless `secrets`.
    public func text(_ index: Int, secrets: Bool) -> String {
        secrets ? lines[index].text : lines[index].masked ?? lines[index].text
    }

    /// A re-indenter over the bytes, tracking only where it is (object or array, under which key)
    /// so it can tell a `Config.Env` entry.
    struct Printer {
        struct Frame {
            var isObject: Bool
            /// The key this object or array has in its parent.
            var key: String?
            /// The last key read in this object.
            var currentKey: String?
            var expectsKey: Bool
        }

        var lines: [Line] = []
        var stack: [Frame] = []
        var line: [UInt8] = []
        var masked: [UInt8]?

        mutating func append(_ bytes: some Sequence<UInt8>) {
            line.append(contentsOf: bytes)
            masked?.append(contentsOf: bytes)
        }

        mutating func flush() {
            guard line.contains(where: { $0 != UInt8(ascii: " ") }) else { return }
            lines.append(
                Line(
                    text: String(decoding: line, as: UTF8.self),
                    masked: masked.map { String(decoding: $0, as: UTF8.self) }))
            line = Array(repeating: UInt8(ascii: " "), count: stack.count * 2)
            masked = nil
        }

        /// Inside `Config.Env` of the top-level object.
        var inEnv: Bool {
            stack.count == 3 && !stack[2].isObject && stack[2].key == "Env" && stack[1].key == "Config"
        }

        mutating func run(_ bytes: [UInt8]) {
            var index = 0
            func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case _ where isSpace(byte): index += 1
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    var next = index + 1
                    while next < bytes.count, isSpace(bytes[next]) { next += 1 }
                    let close = byte == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
                    if next < bytes.count, bytes[next] == close {
                        append([byte, close])  // `{}`, `[]` on the line of their key
                        index = next + 1
                        continue
                    }
                    append([byte])
                    let key = stack.last.flatMap { $0.isObject ? $0.currentKey : nil }
                    stack.append(Frame(isObject: byte == UInt8(ascii: "{"), key: key, expectsKey: true))
                    flush()
                    index += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    if !stack.isEmpty { stack.removeLast() }
                    flush()
                    line = Array(repeating: UInt8(ascii: " "), count: stack.count * 2)
                    append([byte])
                    index += 1
                case UInt8(ascii: ","):
                    append([byte])
                    if !stack.isEmpty { stack[stack.count - 1].expectsKey = true }
                    flush()
                    index += 1
                case UInt8(ascii: ":"):
                    append(Array(": ".utf8))
                    if !stack.isEmpty { stack[stack.count - 1].expectsKey = false }
                    index += 1
                case UInt8(ascii: "\""):
                    var end = index + 1
                    while end < bytes.count, bytes[end] != UInt8(ascii: "\"") {
                        end += bytes[end] == UInt8(ascii: "\\") ? 2 : 1
                    }
                    end = min(end, bytes.count - 1)
                    let content = bytes[(index + 1)..<max(end, index + 1)]
                    if let top = stack.last, top.isObject, top.expectsKey {
                        stack[stack.count - 1].currentKey = String(decoding: content, as: UTF8.self)
                        append(bytes[index...end])
                    } else if inEnv, let hidden = SecretNames.masked(String(decoding: content, as: UTF8.self)) {
                        masked = line + Array("\"\(hidden)\"".utf8)
                        line.append(contentsOf: bytes[index...end])
                    } else {
                        append(bytes[index...end])
                    }
                    index = end + 1
                default:
                    append([byte])
                    index += 1
                }
            }
            flush()
        }
    }
}

/// Which environment entries the inspect view masks. A false alarm only hides a value until `M`,
/// a miss shows a secret to whoever looks over the operator's shoulder: so the net is wide.
public enum SecretNames {
    /// A variable whose name contains one of these (case-insensitively) is masked.
    public static let markers = [
        "PASS", "PWD", "SECRET", "TOKEN", "KEY", "CREDENTIAL", "CRED", "AUTH", "PRIVATE", "COOKIE", "SESSION",
        "SALT", "DSN", "SIGNATURE", "CERT",
    ]
    /// Names that contain a marker but are well known not to be secrets.
    public static let harmless: Set<String> = ["PWD", "OLDPWD", "KEYMAP", "GPG_KEY_ID"]

    /// `NAME=********` for a secret-looking `NAME=value`, else nil. A value holding a URL with a
    /// password (`postgres://user:pw@db/app`) is masked whatever its name.
    public static func masked(_ entry: String) -> String? {
        guard let equals = entry.firstIndex(of: "=") else { return nil }
        let name = entry[..<equals].uppercased()
        let value = entry[entry.index(after: equals)...]
        guard !value.isEmpty else { return nil }
        let secretName = !harmless.contains(name) && markers.contains { name.contains($0) }
        guard secretName || hasURLPassword(value) else { return nil }
        return "\(entry[..<equals])=\(InspectText.mask)"
    }

    static func hasURLPassword(_ value: Substring) -> Bool {
        let characters = Array(value)
        guard
            let scheme = characters.indices.dropLast(2).first(where: {
                characters[$0] == ":" && characters[$0 + 1] == "/" && characters[$0 + 2] == "/"
            })
        else { return false }
        let rest = characters[(scheme + 3)...]
        guard let at = rest.firstIndex(of: "@") else { return false }
        return rest[..<at].contains(":")
    }
}
