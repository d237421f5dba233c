/// Whether a container may run, and why.
public enum Verdict: Sendable, Hashable, CustomStringConvertible {
    /// A rule matches; `location` is its `path:line`.
    case allowed(rule: AllowRule, location: String)
    /// No rule matches.
    case violating
    /// A rule matches who the container is, but how it runs fails limits of the profile that the
    /// rule does not lift: `rule` is the first such rule, `violations` what failed.
    case limited(rule: AllowRule, location: String, profile: SecurityProfile, violations: [RuntimeViolation])

    public var isAllowed: Bool {
        if case .allowed = self { true } else { false }
    }

    /// The rule that allowed the container, if any.
    public var rule: AllowRule? {
        if case .allowed(let rule, _) = self { rule } else { nil }
    }

    /// The limits of the profile that failed (empty unless ``limited(rule:location:profile:violations:)``).
    public var violations: [RuntimeViolation] {
        if case .limited(_, _, _, let violations) = self { violations } else { [] }
    }

    /// Whether the matching rule asks for the container to be restarted when it stops.
    public var keepRunning: Bool { rule?.keepRunning ?? false }

    /// A sentence for logs and the status API: `allowed by path:3 (name=web-*)` or `no rule matches`.
    public var reason: String {
        switch self {
        case .allowed(let rule, let location): "allowed by \(location) (\(rule.text))"
        case .violating: "no rule matches"
        case .limited(let rule, let location, let profile, let violations):
            Self.limitedReason(rule: rule, location: location, profile: profile, violations: violations)
        }
    }

    public var description: String { reason }
}

extension Verdict {
    /// `privileged is not allowed by profile baseline (allowlist:3 allows image=nginx:1.27 without 'privileged')`.
    static func limitedReason(
        rule: AllowRule, location: String, profile: SecurityProfile, violations: [RuntimeViolation]
    ) -> String {
        if violations == [.unknownConfiguration] {
            return "how it would run is unknown, which profile \(profile.rawValue) does not allow "
                + "(\(location) allows \(rule.text) only for a known configuration)"
        }
        let what = violations.map(\.description).joined(separator: ", ")
        let verb = violations.count == 1 ? "is" : "are"
        var lifting: [String] = []
        for violation in violations {
            guard let term = violation.liftingTerm.map(AllowRule.render(term:)), !lifting.contains(term) else {
                continue
            }
            lifting.append(term)
        }
        return "\(what) \(verb) not allowed by profile \(profile.rawValue) (\(location) allows \(rule.text) without '"
            + lifting.joined(separator: " ") + "')"
    }

    /// The terms that would lift every failed limit, in order, each once.
    public var liftingTerms: [RuleTerm] {
        var terms: [RuleTerm] = []
        for violation in violations {
            if let term = violation.liftingTerm, !terms.contains(term) { terms.append(term) }
        }
        return terms
    }
}
