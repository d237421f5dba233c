import GuardCore

/// The detail pane (Enter): everything known about the selected container and why the allow-list
/// lets it run or not. The verdict comes first so a short pane still answers "why".
struct DetailView {
    var data: DashboardData
    var row: ContainerRow?
    var glyphs: Glyphs

    static let labelWidth = 10

    func draw(on screen: inout Screen, band: DashboardLayout.Band) {
        guard band.height > 0 else { return }
        for y in band.rows { screen.fill(row: y, role: .dialog) }
        let hint = "Esc/Enter close"
        screen.fill(row: band.top, role: .dialogTitle)
        let titleWidth = screen.width - hint.count - 4
        screen.put(
            row.map { ($0.group == nil ? "container " : "project ") + $0.record.displayName }
                ?? "no container selected", row: band.top, column: 1,
            width: titleWidth, role: .dialogTitle, ellipsis: glyphs.ellipsis)
        if screen.width - hint.count - 1 > 1 + min(titleWidth, 12) {
            screen.put(hint, row: band.top, column: screen.width - hint.count - 1, role: .dialogTitle)
        }
        guard let row else { return }
        let lines = lines(row, rows: band.height - 1, valueWidth: screen.width - Self.labelWidth - 3)
        for (offset, line) in lines.enumerated() {
            let y = band.top + 1 + offset
            screen.put(line.label, row: y, column: 1, role: .dialog)
            screen.put(
                line.value, row: y, column: 2 + Self.labelWidth, width: screen.width - Self.labelWidth - 3,
                role: line.role, ellipsis: glyphs.ellipsis)
        }
    }

    struct Line {
        var label: String
        var value: String
        var role: Role = .dialog
    }

    /// A Compose project's header: its verdict (its worst container's) and its counts in words.
    func groupLines(_ group: ProjectGroup, verdict: RowVerdict) -> [Line] {
        let counts = group.counts
        let words = [
            (counts.pending, "pending"), (counts.violating, "violating"), (counts.unknown, "unknown"),
            (counts.notAllowed, "not allowed"), (counts.allowed, "allowed"),
        ].filter { $0.0 > 0 }.map { "\($0.0) \($0.1)" }
        let why = "\(verdict.word) \(glyphs.dash) its worst container's"
        return [
            Line(label: "verdict", value: why, role: Role.of(verdict)),
            Line(label: "containers", value: "\(group.memberIDs.count): " + words.joined(separator: ", ")),
            Line(label: "keys", value: "Enter folds it, Space marks its containers"),
        ]
    }

    /// The pane's lines for `rows` rows, values `valueWidth` wide: the fixed facts, then the labels
    /// as far as they go.
    func lines(_ row: ContainerRow, rows: Int, valueWidth: Int = .max) -> [Line] {
        let record = row.record
        if let group = row.group { return Array(groupLines(group, verdict: row.verdict).prefix(max(rows, 0))) }
        if let refusal = row.refusal { return Array(refusalLines(row, refusal).prefix(max(rows, 0))) }
        var lines = [
            Line(
                label: "verdict", value: "\(row.verdict.word) \(glyphs.dash) \(row.limitReason ?? row.verdict.reason)",
                role: Role.of(row.verdict))
        ]
        // Which limits of the profile failed, and the CIS item each stands for.
        for (index, violation) in row.violations.enumerated() {
            lines.append(
                Line(
                    label: index == 0 ? "limits" : "", value: "\(violation) (CIS \(violation.cisItem))",
                    role: Role.of(row.verdict)))
        }
        let notable = record.runtime.notable
        lines += [
            Line(
                label: "runtime", value: notable.isEmpty ? "plain (Docker's defaults)" : notable.joined(separator: ", ")
            ),
            Line(label: "id", value: record.id),
            Line(label: "image", value: record.imageRef),
            Line(label: "image id", value: record.imageID),
            Line(label: "state", value: "\(record.state) \(glyphs.dash) \(StatusText.describe(record, now: data.now))"),
            Line(label: "started", value: started(record)),
            Line(label: "restart", value: record.restartPolicy),
        ]
        lines += commandLines(record.command.isEmpty ? "-" : ShellWords.quote(record.command), width: valueWidth)
        lines += [
            Line(label: "ports", value: record.ports.isEmpty ? "none" : record.ports.joined(separator: ", ")),
            Line(label: "mounts", value: record.mounts.isEmpty ? "none" : record.mounts.joined(separator: ", ")),
            Line(label: "networks", value: record.networks.isEmpty ? "none" : record.networks.joined(separator: ", ")),
        ]
        let labels = record.labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let room = rows - lines.count
        guard room > 0 else { return Array(lines.prefix(max(rows, 0))) }
        if labels.isEmpty {
            lines.append(Line(label: "labels", value: "none"))
        } else {
            let shown = labels.count <= room ? labels.count : room - 1
            for (index, label) in labels.prefix(shown).enumerated() {
                lines.append(Line(label: index == 0 ? "labels" : "", value: label))
            }
            if shown < labels.count {
                lines.append(
                    Line(label: shown == 0 ? "labels" : "", value: "and \(labels.count - shown) more", role: .muted))
            }
        }
        return lines
    }

    /// The command over as many as `commandRows` lines of `width`, so that most of a long one can
    /// be read and copied; what is left after them is cut with an ellipsis.
    static let commandRows = 4

    func commandLines(_ command: String, width: Int) -> [Line] {
        var rest = Substring(command)
        var lines: [Line] = []
        repeat {
            let last = lines.count == Self.commandRows - 1 || rest.count <= width
            var piece = last ? rest : rest.prefix(max(width, 1))
            // A line ends after a space where one is in its second half, so words stay whole.
            if !last, let space = piece.lastIndex(of: " "),
                piece.distance(from: piece.startIndex, to: space) >= width / 2
            {
                piece = piece[...space]
            }
            lines.append(Line(label: lines.isEmpty ? "command" : "", value: String(piece)))
            rest = rest.dropFirst(piece.count)
        } while !rest.isEmpty
        return lines
    }

    /// A create the plugin refused: what was asked for, what the user was told, and how to allow it.
    func refusalLines(_ row: ContainerRow, _ refusal: RefusedCreate) -> [Line] {
        let subject = refusal.subject
        let ago = StatusText.humanDuration(data.now - refusal.lastRefusedAt)
        let times = refusal.attempts == 1 ? "once" : "\(refusal.attempts) times"
        let next =
            row.verdict.isAllowed
            ? "the list allows it now: the same docker run succeeds"
            : "never created; `a` allows it, then the same docker run succeeds"
        let labels = subject.labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        return [
            Line(label: "verdict", value: "\(row.verdict.word) \(glyphs.dash) \(next)", role: Role.of(row.verdict)),
            Line(label: "refused", value: "\(times) by the authorization plugin, last \(ago) ago"),
            Line(label: "told", value: refusal.message),
            Line(
                label: "name",
                value: subject.name.isEmpty ? "none asked for (the engine picks one)" : row.record.displayName),
            Line(label: "image", value: subject.imageRef),
            Line(label: "labels", value: labels.isEmpty ? "none" : labels.joined(separator: " ")),
        ]
    }

    /// `2026-11-25 20:00:00 UTC (3 hours ago)`, or `never`.
    func started(_ record: ContainerRecord) -> String {
        guard let startedAt = record.startedAt, let seconds = EngineTimestamp.secondsSinceEpoch(startedAt) else {
            return "never"
        }
        let stamp = String(startedAt.prefix(19).map { $0 == "T" ? " " : $0 })
        return "\(stamp) UTC (\(StatusText.humanDuration(data.now - seconds)) ago)"
    }
}
