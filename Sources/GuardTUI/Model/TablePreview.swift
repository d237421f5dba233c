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

    /// Whether the container would be allowed under the preview; nil when nothing is previewed.
    func allows(_ record: ContainerRecord, current: RowVerdict, aliases: ImageAliases) -> Bool? {
        switch self {
        case .none: nil
        case .replacing(let list): list.verdict(for: record, aliases: aliases).isAllowed
        case .adding(let rule): current.isAllowed || rule.verdict(for: record, aliases: aliases).isAllowed
        }
    }
}
