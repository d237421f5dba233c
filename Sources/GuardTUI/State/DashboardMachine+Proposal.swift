import GuardCore

extension DashboardMachine {
    /// `a`: pick a rule (1–3, j/k), edit it (e), save it (Enter), or cancel (Esc).
    static func proposalKey(_ key: Key, proposal: RuleProposal, state: inout UIState) -> [Command] {
        var proposal = proposal
        if var editor = proposal.editor {
            switch editor.handle(key) {
            case .editing, .ignored:
                proposal.editor = editor
                proposal.error = ruleError(editor.text)
            case .submit: return saveProposal(proposal, state: &state)
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
            proposal.editor = LineEditor(proposal.choices[proposal.selected])
            proposal.error = ruleError(proposal.rule)
        case .enter: return saveProposal(proposal, state: &state)
        case .escape, .character("q"):
            state.overlay = .none
            return []
        default: break
        }
        state.overlay = .proposal(proposal)
        return []
    }

    static func saveProposal(_ proposal: RuleProposal, state: inout UIState) -> [Command] {
        var proposal = proposal
        if let error = ruleError(proposal.rule) {
            proposal.error = error
            state.overlay = .proposal(proposal)
            return []
        }
        state.overlay = .none
        return [.appendRule(proposal.rule.trimmingWhitespace())]
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
