/// Whether a container may run, and why.
public enum Verdict: Sendable, Hashable, CustomStringConvertible {
    /// A rule matches; `location` is its `path:line`.
    case allowed(rule: AllowRule, location: String)
    /// No rule matches.
    case violating

    public var isAllowed: Bool {
        if case .allowed = self { true } else { false }
    }

    /// The rule that allowed the container, if any.
    public var rule: AllowRule? {
        if case .allowed(let rule, _) = self { rule } else { nil }
    }

    /// Whether the matching rule asks for the container to be restarted when it stops.
    public var keepRunning: Bool { rule?.keepRunning ?? false }

    /// A sentence for logs and the status API: `allowed by path:3 (name=web-*)` or `no rule matches`.
    public var reason: String {
        switch self {
        case .allowed(let rule, let location): "allowed by \(location) (\(rule.text))"
        case .violating: "no rule matches"
        }
    }

    public var description: String { reason }
}
