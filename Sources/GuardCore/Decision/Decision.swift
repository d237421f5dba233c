/// One judgement of one container (or of a container about to be created): whether it may run,
/// which rule says so, and what prompted the question. The post-start enforcer and the
/// authorization plugin both come to it through ``Decision/judge(_:list:selfID:cause:)``, so the
/// two enforcement points can never disagree.
public struct Decision: Sendable, Hashable {
    public enum Verdict: Sendable, Hashable {
        /// A rule matches; `location` is its `path:line`.
        case allowed(rule: AllowRule, location: String)
        /// No rule matches.
        case violating
        /// A rule matches who it is, but how it runs fails limits of the profile the rule does not lift.
        case limited(rule: AllowRule, location: String, profile: SecurityProfile, violations: [RuntimeViolation])
        /// dockerguard's own container: always allowed, never acted on.
        case ownContainer
    }

    public var verdict: Verdict
    public var cause: DecisionCause
    /// What was judged.
    public var subject: MatchSubject
    /// The allow-list's file, for messages that say where to add a rule.
    public var allowListPath: String
    /// The list's profile, for what a new rule would have to lift.
    public var profile: SecurityProfile

    public init(
        verdict: Verdict, cause: DecisionCause, subject: MatchSubject, allowListPath: String,
        profile: SecurityProfile = .defaultProfile
    ) {
        self.verdict = verdict
        self.cause = cause
        self.subject = subject
        self.allowListPath = allowListPath
        self.profile = profile
    }

    /// Judges `subject` against `list`. Pure: the same inputs always give the same decision.
    public static func judge(
        _ subject: MatchSubject, list: AllowList, selfID: String?, cause: DecisionCause
    ) -> Decision {
        let verdict: Verdict
        if let selfID, !subject.id.isEmpty, subject.id == selfID {
            verdict = .ownContainer
        } else {
            switch list.verdict(for: subject) {
            case .allowed(let rule, let location): verdict = .allowed(rule: rule, location: location)
            case .violating: verdict = .violating
            case .limited(let rule, let location, let profile, let violations):
                verdict = .limited(rule: rule, location: location, profile: profile, violations: violations)
            }
        }
        return Decision(
            verdict: verdict, cause: cause, subject: subject, allowListPath: list.path, profile: list.profile)
    }

    /// Whether the container may run (its own container always may).
    public var isAllowed: Bool {
        switch verdict {
        case .allowed, .ownContainer: true
        case .violating, .limited: false
        }
    }

    /// The limits of the profile that failed; empty unless the verdict is `limited`.
    public var violations: [RuntimeViolation] {
        if case .limited(_, _, _, let violations) = verdict { violations } else { [] }
    }

    /// The verdict as the allow-list gave it (the guard's own container counts as allowed by nothing).
    public var listVerdict: GuardCore.Verdict {
        switch verdict {
        case .allowed(let rule, let location): .allowed(rule: rule, location: location)
        case .violating, .ownContainer: .violating
        case .limited(let rule, let location, let profile, let violations):
            .limited(rule: rule, location: location, profile: profile, violations: violations)
        }
    }

    /// The terms a rule must carry to allow how it runs: those of the limits that failed, or, when
    /// no rule matches who it is, those its configuration would fail under the list's profile (so
    /// that a new rule allows it at the first try).
    public var liftingTerms: [RuleTerm] {
        switch verdict {
        case .limited: return listVerdict.liftingTerms
        case .violating:
            var terms: [RuleTerm] = []
            for violation in subject.runtime.violations(under: profile) {
                if let term = violation.liftingTerm, !terms.contains(term) { terms.append(term) }
            }
            return terms
        case .allowed, .ownContainer: return []
        }
    }

    /// The rule that allowed it, if one did.
    public var rule: AllowRule? {
        if case .allowed(let rule, _) = verdict { rule } else { nil }
    }

    /// `path:line` of that rule.
    public var ruleLocation: String? {
        if case .allowed(_, let location) = verdict { location } else { nil }
    }

    /// A sentence for logs and `check`: `allowed by path:3 (name=web-*)`, `no rule matches`, or that
    /// it is the guard's own container.
    public var reason: String {
        switch verdict {
        case .allowed(let rule, let location): GuardCore.Verdict.allowed(rule: rule, location: location).reason
        case .violating: GuardCore.Verdict.violating.reason
        case .limited: listVerdict.reason
        case .ownContainer: "dockerguard itself, never acted on"
        }
    }

    /// The audit log's word for the verdict: `allowed`, `violating` or `self`.
    public var verdictLabel: String {
        switch verdict {
        case .allowed: "allowed"
        case .violating, .limited: "violating"
        case .ownContainer: "self"
        }
    }
}
