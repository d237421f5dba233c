/// What sits over the container table, if anything. Keys go to the overlay first.
public enum Overlay: Sendable, Equatable {
    case none
    /// `?`: every key.
    case help
    /// Enter: the selected container's details and why it is allowed or not.
    case detail
    /// `/`: the filter being typed; the table filters as it is typed.
    case filter(LineEditor)
    /// `a`: which rule to add for the selected container.
    case proposal(RuleProposal)
    case dialog(Dialog)
    /// `e`: the allow-list panel. A dialog may sit over it (`editorDialog`).
    case editor(AllowListEditor)
    /// A question asked from within the editor, which stays open beneath it.
    case editorDialog(AllowListEditor, Dialog)
    /// `l`: the selected container's output (its state is ``UIState/logs``, kept out of the
    /// overlay so that appending lines never copies them).
    case logs
    /// `v`: the guard's recent decisions, newest first.
    case timeline(TimelineView)
    /// `i`: the selected container's inspect JSON.
    case inspect(InspectView)
}
