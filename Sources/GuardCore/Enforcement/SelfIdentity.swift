/// Which container the guard took to be its own, and why: settled once from the first full list
/// of the engine's containers (their overlay upper directories), before anything is judged.
public enum SelfIdentity: Sendable, Equatable {
    case container(id: String, reason: String)
    case none(reason: String)

    public var id: String? {
        if case .container(let id, _) = self { id } else { nil }
    }

    /// `self=3f2a9c1b77e0 (root upperdir matches)`, as the log says it.
    public var summary: String {
        switch self {
        case .container(let id, let reason): "self=\(id.prefix(12)) (\(reason))"
        case .none(let reason): "self=none (\(reason))"
        }
    }

    /// Matches what the process sees of itself against the engine's containers. The root upper
    /// directory decides; a hint alone is taken only when the engine shows no upper directories
    /// to check it against (a storage driver other than overlay2), and the reason says so.
    public static func resolve(_ probe: SelfProbe, among records: some Collection<ContainerRecord>) -> SelfIdentity {
        let byID = Dictionary(records.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let hinted = probe.hints.compactMap { byID[$0] }
        if let upper = probe.rootUpperDir {
            let match = hinted.first { $0.upperDir == upper } ?? records.first { $0.upperDir == upper }
            if let match {
                let misleading = hinted.first { $0.id != match.id }
                    .map { "; the hint \($0.shortID) is another container" }
                return .container(id: match.id, reason: "root upperdir matches" + (misleading ?? ""))
            }
            if records.allSatisfy({ $0.upperDir == nil }), let hint = hinted.first {
                return .container(id: hint.id, reason: "hint only, unverified: the engine shows no overlay upper dirs")
            }
            return .none(reason: "root is an overlay, but no container of this engine has its upper dir")
        }
        if let hint = hinted.first {
            return .container(id: hint.id, reason: "hint only, unverified: the root filesystem is not an overlay")
        }
        return .none(reason: "not in a container: the root filesystem is not an overlay")
    }
}
