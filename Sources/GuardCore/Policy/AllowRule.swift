/// One line of the allow-list: all of its terms must match.
public struct AllowRule: Sendable, Hashable, CustomStringConvertible {
    /// The conditions; never empty for a parsed rule.
    public let terms: [RuleTerm]
    /// `keep-running`: restart the container when it stops.
    public let keepRunning: Bool
    /// The file the rule came from, for messages.
    public let path: String
    /// The 1-based line number in that file.
    public let line: Int
    /// The rule as written, without its comment and surrounding whitespace.
    public let text: String

    /// Builds a rule; `text` defaults to the rendered terms.
    public init(terms: [RuleTerm], keepRunning: Bool = false, path: String = "", line: Int = 0, text: String? = nil) {
        self.terms = terms
        self.keepRunning = keepRunning
        self.path = path
        self.line = line
        self.text = text ?? Self.render(terms: terms, keepRunning: keepRunning)
        location = "\(path):\(line)"
        lifts = RuleLifts(terms)
    }

    /// The limits of the profile this rule lifts for the containers it matches.
    public let lifts: RuleLifts

    /// `path:line`, the way messages name the rule (made once: every allowed verdict carries it).
    public let location: String

    /// Whether every term matches `subject`.
    public func matches(_ subject: MatchSubject) -> Bool {
        matches(PreparedSubject(subject))
    }

    func matches(_ subject: PreparedSubject) -> Bool {
        terms.allSatisfy { $0.matches(subject) }
    }

    public var description: String { "\(location): \(text)" }
}
