import GuardCore

extension DashboardMachine {
    /// Space: marks or unmarks the selected container (on a project's header, all of its
    /// containers), then moves down, so a run of rows is marked by holding it.
    static func toggleMark(state: inout UIState, context: Context) {
        guard let row = context.selected(state) else { return }
        let ids = row.group?.memberIDs ?? [row.id]
        if ids.allSatisfy(state.marked.contains) {
            state.marked.subtract(ids)
        } else {
            state.marked.formUnion(ids)
        }
        select(state.selectedIndex + 1, state: &state, rows: context.rows)
        let count = state.marked.count
        state.message =
            count == 0
            ? .init("no marks") : .init("\(count) marked: a, s or y acts on them; Esc clears")
    }

    /// Enter on a project's header: folds it, or opens it again.
    static func fold(_ group: ProjectGroup, state: inout UIState) {
        if state.table.folded.contains(group.key) {
            state.table.folded.remove(group.key)
        } else {
            state.table.folded.insert(group.key)
        }
    }

    /// The marked containers that still exist (stopped ones and refused creates included), in
    /// the table's order; marks of containers gone are dropped.
    static func markedRows(state: inout UIState, context: Context) -> [ContainerRow] {
        var builder = state.table
        builder.filter = ""
        builder.showStopped = true
        builder.groupByProject = false
        let rows = builder.rows(context.data).filter { state.marked.contains($0.id) }
        state.marked = Set(rows.map(\.id))
        return rows
    }

    /// `a`, `s` and `y` with rows marked: one dialog for all of them.
    static func markedKey(_ key: Key, state: inout UIState, context: Context) -> [Command] {
        let rows = markedRows(state: &state, context: context)
        guard !rows.isEmpty else {
            state.message = .init("the marked containers are gone")
            return []
        }
        let action = context.data.enforcer.action
        switch key {
        case .character("s"):
            let targets = rows.filter { $0.refusal == nil && RowBuilder.isLive($0.record) }.map {
                target($0.record, action: action)
            }
            guard !targets.isEmpty else {
                state.message = .init("none of the \(rows.count) marked containers is running")
                return []
            }
            var dialog = Dialog(.stop(targets, action: action.rawValue))
            dialog.fromMarks = true
            state.overlay = .dialog(dialog)
        case .character("y"):
            let targets = rows.filter { $0.verdict == .pending && $0.refusal == nil }.map { row in
                var target = target(row.record, action: action)
                target.isPending = true
                return target
            }
            guard !targets.isEmpty else {
                state.message = .init("none of the \(rows.count) marked containers is pending")
                return []
            }
            var dialog = Dialog(.approveAll(targets, action: action.rawValue))
            dialog.fromMarks = true
            dialog.marksLeftOut = rows.count - targets.count
            state.overlay = .dialog(dialog)
        default:
            let rows = rows.filter { !$0.verdict.isAllowed }
            guard !rows.isEmpty else {
                state.message = .init("every marked container is allowed already")
                return []
            }
            var proposal = markedProposal(rows)
            proposal.note = proposalNote(proposal, context: context)
            state.overlay = .proposal(proposal)
        }
        return []
    }

    /// `a` for several containers: one rule each (their names, with the terms each needs under
    /// the profile), or one rule they share (their image, their Compose project, their names'
    /// common start) with every term any of them needs.
    static func markedProposal(_ rows: [ContainerRow]) -> RuleProposal {
        func lifting(_ terms: [RuleTerm]) -> String {
            terms.isEmpty ? "" : " " + terms.map(AllowRule.render(term:)).joined(separator: " ")
        }
        let each = rows.map { (proposedRules($0).first ?? "name=\($0.record.displayName)") + lifting($0.liftingTerms) }
        var allTerms: [RuleTerm] = []
        for term in rows.flatMap(\.liftingTerms) where !allTerms.contains(term) { allTerms.append(term) }
        var shared: [String] = []
        let images = Set(rows.map(\.record.imageRef))
        if images.count == 1, let image = images.first, !image.isEmpty { shared.append("image=\(image)") }
        let projects = Set(rows.map { $0.record.labels[ProjectGroup.label] ?? "" })
        if projects.count == 1, let project = projects.first, !project.isEmpty {
            shared.append("label=\(ProjectGroup.label)=\(project)")
        }
        let prefix = commonPrefix(rows.map(\.record.displayName))
        if prefix.count >= 2 { shared.append("name=\(prefix)*") }
        let suffix = lifting(allTerms)
        var proposal = RuleProposal(
            container: "\(rows.count) marked containers",
            choices: [each.joined(separator: "\n")] + shared.map { $0 + suffix },
            warning: allTerms.isEmpty
                ? nil
                : "'\(suffix.dropFirst())' widens the host's exposure: they may run so, beyond the profile")
        proposal.containerIDs = rows.map(\.id)
        proposal.containerID = rows.first?.id
        return proposal
    }

    /// The longest start every name shares (`shop-` of `shop-api-1` and `shop-worker-1`).
    static func commonPrefix(_ names: [String]) -> String {
        guard var prefix = names.first.map(Array.init) else { return "" }
        for name in names.dropFirst() {
            let characters = Array(name)
            var length = 0
            while length < min(prefix.count, characters.count), prefix[length] == characters[length] { length += 1 }
            prefix = Array(prefix.prefix(length))
        }
        return String(prefix)
    }

    /// `x`: a shell in the selected running container, through the docker CLI.
    static func openShell(state: inout UIState, context: Context) -> [Command] {
        guard let row = context.selected(state), row.group == nil, row.refusal == nil, row.record.isRunning else {
            state.message = .init("a shell needs a running container: select one")
            return []
        }
        return [.exec(id: row.record.id, name: row.record.displayName)]
    }
}
