extension RuleLifts {
    /// The lifting terms a container running so needs under `profile`, each once, in the order
    /// its limits are found; `unliftable` when a limit has no term (an unknown configuration).
    public static func terms(needed facts: RuntimeFacts, under profile: SecurityProfile) -> (
        terms: [RuleTerm], unliftable: Bool
    ) {
        var terms: [RuleTerm] = []
        var unliftable = false
        for violation in facts.violations(under: profile) {
            guard let term = violation.liftingTerm else {
                unliftable = true
                continue
            }
            if !terms.contains(term) { terms.append(term) }
        }
        return (terms, unliftable)
    }
}
