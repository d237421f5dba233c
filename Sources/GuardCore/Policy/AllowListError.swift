/// One problem in an allow-list file, located by line and column.
public struct AllowListError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file, as given to the parser.
    public let path: String
    /// 1-based line number; 0 when the problem concerns the whole file (too large, unreadable).
    public let line: Int
    /// 1-based column in Unicode scalars (a tab counts as one); 0 when the whole file is meant.
    public let column: Int
    /// What was wrong and what was expected.
    public let message: String

    public init(path: String, line: Int, column: Int, message: String) {
        self.path = path
        self.line = line
        self.column = column
        self.message = message
    }

    /// `path:line:column: message`, or `path: message` for whole-file problems.
    public var description: String {
        line > 0 ? "\(path):\(line):\(column): \(message)" : "\(path): \(message)"
    }
}

/// Every problem found in one allow-list file, in file order. A file with any is never applied.
public struct AllowListErrors: Error, Sendable, Hashable, CustomStringConvertible {
    public let errors: [AllowListError]

    /// How many errors `description` spells out; binary garbage can produce thousands.
    public static let describedLimit = 100

    public init(_ errors: [AllowListError]) {
        self.errors = errors
    }

    /// One error per line; past ``describedLimit`` the rest are counted, not listed.
    public var description: String {
        var lines = errors.prefix(Self.describedLimit).map(\.description)
        if errors.count > Self.describedLimit {
            lines.append("… and \(errors.count - Self.describedLimit) more errors")
        }
        return lines.joined(separator: "\n")
    }
}

/// Text from the file, made safe and short enough to quote in a message.
func quotedForMessage(_ text: some StringProtocol, limit: Int = 60) -> String {
    var shown = ""
    for (count, scalar) in text.unicodeScalars.enumerated() {
        if count == limit {
            shown += "…"
            break
        }
        shown += scalar.properties.generalCategory == .control ? scalar.escaped(asASCII: true) : String(scalar)
    }
    return "'\(shown)'"
}
