import GuardCore

/// What the table previews: nothing, the unsaved allow-list being edited (`e`), or the rule being
/// proposed (`a`) added to the list in force.
public enum TablePreview: Sendable {
    case none
    /// The whole edited list replaces the one in force.
    case replacing(AllowList)
    /// One more rule (a list of its own) beside the list in force.
    case adding(AllowList)

    /// The preview for what is open: the editor's valid draft, or the proposal's valid rule.
    public init(_ state: UIState) {
        if let draft = state.editor?.draftList {
            self = .replacing(draft)
        } else if case .proposal(let proposal) = state.overlay, let rule = proposal.ruleList {
            self = .adding(rule)
        } else {
            self = .none
        }
    }

    /// Whether anything is previewed (the rows need judging twice).
    var isActive: Bool {
        if case .none = self { false } else { true }
    }

    /// Whether the container (or the create asked for) would be allowed under the preview, judged
    /// under `profile`, the one in force; nil when nothing is previewed.
    func allows(_ subject: MatchSubject, current: RowVerdict, profile: SecurityProfile?) -> Bool? {
        func allowed(by list: AllowList) -> Bool {
            (profile.map { list.with(profile: $0) } ?? list).verdict(for: subject).isAllowed
        }
        switch self {
        case .none: return nil
        case .replacing(let list): return allowed(by: list)
        case .adding(let rule): return current.isAllowed || allowed(by: rule)
        }
    }
}
