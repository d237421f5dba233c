import GuardCore

/// `a` on a container: rules that would allow it, one of which the operator picks (and may edit).
public struct RuleProposal: Sendable, Equatable {
    public var container: String
    /// `name=web-1`, `image=nginx:1.27`, `id=3f2a9c1b77e0`.
    public var choices: [String]
    public var selected = 0
    /// Set while the chosen rule is being edited.
    public var editor: LineEditor?
    /// What is wrong with the rule as it stands (`column 6: …`), checked as it is typed.
    public var error: String?
    /// Set when the choices carry terms that lift limits of the security profile: says that
    /// they widen the host's exposure, and which.
    public var warning: String?
    /// The container it is proposed for.
    public var containerID: String?
    /// Proposed for the marked containers: all of them (a choice may then hold one rule per
    /// line, one for each).
    public var containerIDs: [String] = []
    /// What the rule would do beyond it (matches it not at all, or allows others too).
    public var note: String?
    /// A rule that does not match the container, saved only on a second Enter: the rule that had
    /// the first.
    public var confirmedRule: String?

    public init(container: String, choices: [String], warning: String? = nil) {
        self.container = container
        self.choices = choices
        self.warning = warning
    }

    /// The rule that Enter would save.
    public var rule: String { editor?.text ?? choices[selected] }

    /// The rule parsed as a list of its own, when valid: the table previews what it would allow.
    public var ruleList: AllowList? {
        try? AllowList.parse(rule, path: "proposal").get()
    }
}
