import GuardCore

extension DashboardMachine {
    /// `a`: pick a rule (1–3, j/k), edit it (e), save it (Enter), or cancel (Esc).
    static func proposalKey(_ key: Key, proposal: RuleProposal, state: inout UIState, context: Context) -> [Command] {
        var proposal = proposal
        defer { if case .proposal(var shown) = state.overlay { refreshNote(&shown, context: context, state: &state) } }
        if var editor = proposal.editor {
            switch editor.handle(key) {
            case .editing, .ignored:
                proposal.editor = editor
                proposal.error = ruleError(editor.text)
            case .submit: return saveProposal(proposal, state: &state, context: context)
            case .cancel:
                proposal.editor = nil
                proposal.error = nil
            }
            state.overlay = .proposal(proposal)
            return []
        }
        switch key {
        case .character("j"), .down: proposal.selected = min(proposal.selected + 1, proposal.choices.count - 1)
        case .character("k"), .up: proposal.selected = max(proposal.selected - 1, 0)
        case .character(let digit)
        where digit.wholeNumberValue.map({ (1...proposal.choices.count).contains($0) }) == true:
            proposal.selected = digit.wholeNumberValue! - 1
        case .character("e"), .character("i"), .tab:
            guard !proposal.rule.contains("\n") else {
                proposal.error = "one rule per container: save them, then edit them in the allow-list (e)"
                break
            }
            proposal.editor = LineEditor(proposal.choices[proposal.selected])
            proposal.error = ruleError(proposal.rule)
        case .enter: return saveProposal(proposal, state: &state, context: context)
        case .escape, .character("q"):
            state.overlay = .none
            return []
        default: break
        }
        state.overlay = .proposal(proposal)
        return []
    }

    /// Enter: an invalid rule is never saved; one that does not allow the container asks for a
    /// second Enter, since it leaves the container as it is.
    static func saveProposal(_ proposal: RuleProposal, state: inout UIState, context: Context) -> [Command] {
        var proposal = proposal
        if let error = ruleError(proposal.rule) {
            proposal.error = error
            state.overlay = .proposal(proposal)
            return []
        }
        if proposalMatchesContainer(proposal, context: context) == false, proposal.confirmedRule != proposal.rule {
            proposal.confirmedRule = proposal.rule
            state.overlay = .proposal(proposal)
            return []
        }
        state.overlay = .none
        if !proposal.containerIDs.isEmpty { state.marked = [] }
        return [.appendRule(proposal.rule.trimmingWhitespace())]
    }

    /// Whether the proposed rule allows the container it was proposed for; nil when it cannot
    /// tell (an invalid rule, the container gone).
    static func proposalMatchesContainer(_ proposal: RuleProposal, context: Context) -> Bool? {
        let records = proposedRecords(proposal, context: context)
        guard let list = proposal.ruleList, !records.isEmpty else { return nil }
        return records.allSatisfy { list.verdict(for: $0, aliases: context.data.aliases).isAllowed }
    }

    /// The containers it is proposed for that still exist: the marked ones, or the one.
    static func proposedRecords(_ proposal: RuleProposal, context: Context) -> [ContainerRecord] {
        let ids = proposal.containerIDs.isEmpty ? proposal.containerID.map { [$0] } ?? [] : proposal.containerIDs
        return context.data.snapshot.containers.filter { ids.contains($0.id) }
    }

    /// What the rule would do beyond the container, shown before saving: that it does not match
    /// the container at all, or how many other containers it would allow too.
    static func proposalNote(_ proposal: RuleProposal, context: Context) -> String? {
        let records = proposedRecords(proposal, context: context)
        guard let list = proposal.ruleList, !records.isEmpty else { return nil }
        let aliases = context.data.aliases
        let unmatched = records.map { ($0, list.verdict(for: $0, aliases: aliases)) }.filter { !$0.1.isAllowed }
        guard unmatched.isEmpty else {
            let again = proposal.confirmedRule == proposal.rule ? ": Enter again to save it anyway" : ""
            let which =
                proposal.containerIDs.isEmpty
                ? proposal.container : unmatched.map(\.0.displayName).joined(separator: ", ")
            // It names them, but how they run breaks the profile: say what the rule still needs.
            var lifting: [String] = []
            for (_, verdict) in unmatched {
                guard case .limited = verdict else { return "this rule does not match \(which)\(again)" }
                for term in verdict.liftingTerms.map(AllowRule.render(term:)) where !lifting.contains(term) {
                    lifting.append(term)
                }
            }
            guard !lifting.isEmpty else { return "this rule names \(which) but not how it runs\(again)" }
            return "this rule names \(which) but not how it runs: add '\(lifting.joined(separator: " "))'\(again)"
        }
        let current = context.data.policy.allowList
        let ids = Set(records.map(\.id))
        let others = context.data.snapshot.containers.filter { other in
            !ids.contains(other.id) && current?.verdict(for: other, aliases: aliases).isAllowed != true
                && list.verdict(for: other, aliases: aliases).isAllowed
        }
        guard !others.isEmpty else { return nil }
        // Running ones first: those are what the table previews flipping (the seventh trial read
        // three stopped names while the running one that flipped hid in "5 more").
        let names = (others.filter(\.isRunning) + others.filter { !$0.isRunning }).prefix(3).map(\.displayName)
            .joined(separator: ", ")
        let more = others.count > 3 ? ", \(others.count - 3) more" : ""
        return "it also allows \(others.count) other container\(others.count == 1 ? "" : "s"): \(names)\(more)"
    }

    /// Keeps the note in step with the rule as it is chosen or typed.
    static func refreshNote(_ proposal: inout RuleProposal, context: Context, state: inout UIState) {
        if proposal.confirmedRule != nil, proposal.confirmedRule != proposal.rule { proposal.confirmedRule = nil }
        proposal.note = proposalNote(proposal, context: context)
        state.overlay = .proposal(proposal)
    }

    /// Why `rule` is not a valid allow-list line (`column 7: …`), or nil.
    static func ruleError(_ rule: String) -> String? {
        guard !rule.trimmingWhitespace().isEmpty else { return "empty rule" }
        guard !rule.trimmingWhitespace().hasPrefix("#") else { return "a comment allows nothing" }
        switch AllowList.parse(rule, path: "rule") {
        case .success: return nil
        case .failure(let errors):
            guard let first = errors.errors.first else { return "invalid rule" }
            return "column \(first.column): \(first.message)"
        }
    }
}
