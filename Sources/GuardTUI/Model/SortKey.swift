/// The table's sort column; `o` cycles through them, `O` reverses.
public enum SortKey: String, Sendable, CaseIterable {
    case name, image, state, age, verdict
    /// With `c`'s columns: the busiest first.
    case cpu, memory

    /// Sorted largest first, as k9s and docker stats users expect of these.
    public var largestFirst: Bool { self == .age || self == .cpu || self == .memory }

    public var next: SortKey {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }
}
