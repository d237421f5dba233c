import GuardCore

/// A Compose project's header row (`P`): which containers it holds (those the table shows, after
/// the filter), how each is judged, and whether it is folded. Its verdict is its worst member's.
public struct ProjectGroup: Sendable, Equatable {
    /// The label Compose puts on every container of a project.
    public static let label = "com.docker.compose.project"

    /// The project's name; nil for the containers of no project (listed last).
    public var project: String?
    public var memberIDs: [String]
    public var folded: Bool
    public var counts = DashboardCounts()

    /// How `folded` remembers the containers of no project.
    public static let noProjectKey = ""

    public var key: String { project ?? Self.noProjectKey }

    /// `✗ 2  ✓ 1`: how many of each verdict, worst first, with the table's own marks (narrow
    /// enough for the STATUS column; the words are in the help and the README).
    public func summary(_ glyphs: Glyphs) -> String {
        [
            (counts.pending, glyphs.pending), (counts.violating, glyphs.violating), (counts.unknown, glyphs.unknown),
            (counts.notAllowed, glyphs.notAllowed), (counts.allowed, glyphs.allowed),
        ].filter { $0.0 > 0 }.map { "\($0.1) \($0.0)" }.joined(separator: "  ")
    }
}

extension RowBuilder {
    /// The rows under one header per Compose project, projects by name, then the containers of
    /// no project under a header of their own (when there are projects at all). Each group keeps
    /// the table's order; a folded group shows its header only.
    func grouped(_ rows: [ContainerRow]) -> [ContainerRow] {
        var members: [String: [ContainerRow]] = [:]
        var loose: [ContainerRow] = []
        for row in rows {
            if let project = row.record.labels[ProjectGroup.label], !project.isEmpty {
                members[project, default: []].append(row)
            } else {
                loose.append(row)
            }
        }
        guard !members.isEmpty else { return rows }
        var result: [ContainerRow] = []
        result.reserveCapacity(rows.count + members.count + 1)
        let groups = members.keys.sorted().map { (Optional($0), members[$0]!) } + (loose.isEmpty ? [] : [(nil, loose)])
        for (project, rows) in groups {
            let header = Self.header(project: project, members: rows, folded: folded.contains(project ?? ""))
            result.append(header)
            if header.group?.folded != true { result += rows }
        }
        return result
    }

    /// The header row: a record of no container, named after the project, with the worst verdict.
    static func header(project: String?, members: [ContainerRow], folded: Bool) -> ContainerRow {
        var group = ProjectGroup(project: project, memberIDs: members.map(\.id), folded: folded)
        for row in members { group.counts.count(row.verdict, live: isLive(row.record)) }
        let worst = members.min { verdictRank($0.verdict) < verdictRank($1.verdict) }?.verdict ?? .unknown
        let record = ContainerRecord(
            id: "compose-project:\(group.key)", name: "/" + (project ?? "no project"), imageRef: "",
            imageID: "", state: "project", createdAt: "")
        var row = ContainerRow(record: record, verdict: worst)
        row.group = group
        return row
    }
}
