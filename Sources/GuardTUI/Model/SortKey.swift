/// The table's sort column; `o` cycles through them, `O` reverses.
public enum SortKey: String, Sendable, CaseIterable {
    case name, image, state, age, verdict

    public var next: SortKey {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }
}
