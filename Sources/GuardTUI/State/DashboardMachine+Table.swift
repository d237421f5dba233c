import GuardCore

extension DashboardMachine {
    /// Keys on the container table, with nothing over it.
    static func tableKey(_ key: Key, state: inout UIState, context: Context) -> [Command] {
        if navigate(key, state: &state, rows: context.rows) { return [] }
        state.message = nil
        switch key {
        case .character("e") where context.data.enforcer.readonly:
            return [.openEditor]  // to read: the panel refuses every change
        case .enter:
            if let group = context.selected(state)?.group {
                fold(group, state: &state)
            } else if context.selected(state) != nil {
                state.overlay = .detail
            }
        case .character("/"): state.overlay = .filter(LineEditor(state.table.filter))
        case .escape:
            // Marks go first: they are what the next action would touch.
            if !state.marked.isEmpty {
                state.message = .init("marks cleared")
                state.marked = []
            } else {
                state.table.filter = ""
            }
        case .character(" "): toggleMark(state: &state, context: context)
        case .character("P"):
            state.table.groupByProject.toggle()
            state.message = .init(
                state.table.groupByProject ? "grouped by Compose project: Enter on a header folds it" : "not grouped")
        case .character("i"): return openInspect(state: &state, context: context)
        case .character("x") where state.canExec && !context.data.enforcer.readonly:
            return openShell(state: &state, context: context)
        case .character("o"):
            // CPU and memory sort only while their columns show.
            repeat {
                state.table.sort = state.table.sort.next
            } while !state.showStats
                && (state.table.sort == .cpu || state.table.sort == .memory)
        case .character("c"):
            state.showStats.toggle()
            if !state.showStats, state.table.sort == .cpu || state.table.sort == .memory { state.table.sort = .name }
            state.message = .init(
                state.showStats ? "CPU and memory: sampled every 2 s for the rows on screen" : "CPU and memory off")
        case .character("O"): state.table.descending.toggle()
        case .character("A"): state.table.showStopped.toggle()
        case .character("?"):
            state.overlay = .help
            state.helpScroll = 0
        case .character("t"): return cycleTheme(&state)
        case .character("l"): return openLogs(state: &state, context: context)
        case .character("v"): state.overlay = .timeline(TimelineView())
        case .character("q"), .control("c"):
            state.quitting = true
            return [.quit]
        case .character("a"), .character("d"), .character("e"), .character("s"), .character("S"),
            .character("y"), .character("Y"), .character("m"), .character("u"):
            // One read-only setting, kept in the enforcer's status: it refuses actions itself.
            guard !context.data.enforcer.readonly else {
                state.message = readonlyMessage
                return []
            }
            // On a project's header, keys about one container have none to act on (with marks,
            // a, s and y act on the marked ones instead).
            let markedKeys: [Key] = state.marked.isEmpty ? [] : [.character("a"), .character("s"), .character("y")]
            if context.selected(state)?.group != nil, !markedKeys.contains(key),
                [Key.character("a"), .character("d"), .character("s"), .character("y")].contains(key)
            {
                state.message = .init("a project's header: Space marks its containers, then a, s or y acts on them")
                return []
            }
            return changeKey(key, state: &state, context: context)
        default:
            // Said once, so that a key that does nothing is not a silent mystery.
            if state.lastUnknownKey != key { state.message = unknownKeyMessage }
            state.lastUnknownKey = key
            return []
        }
        state.lastUnknownKey = nil
        return []
    }

    static let unknownKeyMessage = UIState.Message("unknown key \u{2014} ? for help")
    /// `n` or `N` before any search.
    static let noSearchMessage = UIState.Message("no search yet: / searches")
    /// In the logs, inspect and decisions views, whose help goes back to them.
    static let viewUnknownKeyMessage = unknownKeyMessage

    /// The keys that change something: refused when read-only.
    static func changeKey(_ key: Key, state: inout UIState, context: Context) -> [Command] {
        let selected = context.selected(state)
        let action = context.data.enforcer.action
        if !state.marked.isEmpty, [.character("a"), .character("s"), .character("y")].contains(key) {
            return markedKey(key, state: &state, context: context)
        }
        switch key {
        case .character("a"):
            guard let row = selected else { return [] }
            if case .allowed(_, let location) = row.verdict {
                state.message = .init("\(row.record.displayName) is already allowed by \(location)")
                return []
            }
            let record = row.record
            // A rule that matches who it is but not how it runs: propose the terms that lift the
            // failed limits too, and say what they give away.
            let lifting = row.liftingTerms.map(AllowRule.render(term:)).joined(separator: " ")
            let suffix = lifting.isEmpty ? "" : " " + lifting
            var proposal = RuleProposal(
                container: record.displayName, choices: proposedRules(row).map { $0 + suffix },
                warning: lifting.isEmpty
                    ? nil : "'\(lifting)' widens the host's exposure: the container may run so, beyond the profile")
            proposal.containerID = record.id
            proposal.note = proposalNote(proposal, context: context)
            state.overlay = .proposal(proposal)
        case .character("d"):
            guard let row = selected else { return [] }
            guard case .allowed(let rule, _) = row.verdict else {
                state.message = .init("\(row.record.displayName) is not allowed by any rule: nothing to remove")
                return []
            }
            state.overlay = .dialog(
                Dialog(
                    .removeRule(line: rule.line, text: rule.text, containers: allowed(by: rule, first: row, context))))
        case .character("e"): return [.openEditor]
        case .character("s"):
            guard let row = selected, row.record.isRunning || row.record.state == "paused" else {
                state.message = .init("nothing to stop: select a running container")
                return []
            }
            state.overlay = .dialog(Dialog(.stop([target(row.record, action: action)], action: action.rawValue)))
        case .character("S"):
            let targets = violatingTargets(context, pendingOnly: false)
            guard !targets.isEmpty else {
                state.message = .init("no violating containers running")
                return []
            }
            state.overlay = .dialog(Dialog(.stopAllViolating(targets, action: action.rawValue)))
        case .character("y"):
            guard let row = selected, row.verdict == .pending else {
                state.message = .init("nothing pending here: y acts on a pending violation (confirm mode)")
                return []
            }
            guard row.refusal == nil else {
                state.message = .init("the plugin refused this create: nothing runs; `a` allows it")
                return []
            }
            // Approving carries out the action: asked first, as `s` asks.
            state.overlay = .dialog(Dialog(.approve(target(row.record, action: action), action: action.rawValue)))
        case .character("Y"):
            let targets = violatingTargets(context, pendingOnly: true)
            guard !targets.isEmpty else {
                state.message = .init("no pending violations")
                return []
            }
            state.overlay = .dialog(Dialog(.approveAll(targets, action: action.rawValue)))
        case .character("m"):
            let targets = violatingTargets(context, pendingOnly: false)
            state.overlay = .dialog(
                Dialog(.mode(current: context.data.enforcer.mode, action: action.rawValue, targets: targets)))
        case .character("u"):
            guard let last = state.history.last else {
                state.message = nothingToUndo(state)
                return []
            }
            return [.restore(text: last.before, expected: last.after)]
        default: break
        }
        return []
    }

    /// "nothing to undo", and why the history ended when it was cut short.
    static func nothingToUndo(_ state: UIState) -> UIState.Message {
        .init("nothing to undo" + (state.historyNote.map { ": \($0)" } ?? ""))
    }

    static func cycleTheme(_ state: inout UIState) -> [Command] {
        guard state.themes.count > 1 else {
            state.message = .init("\(state.theme) is the only theme: no themes directory found (README: --theme)")
            return []
        }
        let index = state.themes.firstIndex(of: state.theme) ?? -1
        state.theme = state.themes[(index + 1) % state.themes.count]
        state.message = .init("theme \(state.theme)")
        return [.applyTheme(state.theme)]
    }

    /// The rules `a` offers: by name, image and ID; a refused create has no ID yet, and a name only
    /// when one was asked for.
    static func proposedRules(_ row: ContainerRow) -> [String] {
        let record = row.record
        guard row.refusal != nil else {
            return ["name=\(record.displayName)", "image=\(record.imageRef)", "id=\(record.shortID)"]
        }
        return (record.displayName.isEmpty ? [] : ["name=\(record.displayName)"])
            + (record.imageRef.isEmpty ? [] : ["image=\(record.imageRef)"])
    }

    /// Every running violating container (not only those the filter shows), or only the pending ones.
    static func violatingTargets(_ context: Context, pendingOnly: Bool) -> [Dialog.Target] {
        RowBuilder().rows(context.data)
            .filter { pendingOnly ? $0.verdict == .pending : $0.verdict.isViolating }
            .filter { $0.record.isRunning || $0.record.state == "paused" }
            .map { row in
                var target = target(row.record, action: context.data.enforcer.action)
                target.isPending = row.verdict == .pending
                return target
            }
    }

    /// The containers `rule` allows now, `first` first: the `d` dialog names every one it would
    /// leave without a rule (the fourth trial's dialog named only the selected one).
    static func allowed(by rule: AllowRule, first: ContainerRow, _ context: Context) -> [String] {
        let list = context.data.policy.allowList
        let others = context.data.snapshot.containers.filter { record in
            guard record.id != first.record.id,
                case .allowed(let allowing, _)? = list?.verdict(for: record, aliases: context.data.aliases)
            else { return false }
            return allowing.line == rule.line
        }
        return [first.record.displayName] + others.map(\.displayName).sorted()
    }

    static func target(_ record: ContainerRecord, action: EnforcementAction) -> Dialog.Target {
        Dialog.Target(id: record.id, name: record.displayName, consequence: consequence(of: action, on: record))
    }

    /// What will bring the container back after the action, so the operator is not surprised.
    static func consequence(of action: EnforcementAction, on record: ContainerRecord) -> String? {
        var notes: [String] = []
        // What the engine does after `docker stop`/`kill` (checked against dockerd): an `always`
        // container comes back when the daemon restarts; `unless-stopped` stays stopped.
        if action != .remove, record.restartPolicy == "always" {
            notes.append("restart policy 'always': the engine starts it again when the daemon restarts")
        }
        if let project = record.labels["com.docker.compose.project"] {
            notes.append("Compose project '\(project)': `docker compose up` starts it again")
        }
        return notes.isEmpty ? nil : notes.joined(separator: "; ")
    }
}
