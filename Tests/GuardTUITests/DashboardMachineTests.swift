import GuardCore
import GuardTUI
import Testing

@Suite struct DashboardMachineTests {
    let data = MachineFixtures.data(pending: [MachineFixtures.record("shell").id])

    @Test func navigationStaysInBoundsAndFollowsTheContainer() {
        var state = UIState()
        _ = state.press([.character("G")], data: data)
        #expect(state.selectedIndex == 4)  // five running containers, sorted by name
        _ = state.press([.down, .down], data: data)
        #expect(state.selectedIndex == 4)
        _ = state.press([.character("g"), .character("j")], data: data)
        #expect(state.selectedID == MachineFixtures.record("miner").id)
        // Sorting by verdict moves the rows; the selection stays on the same container.
        _ = state.press([.character("o"), .character("o"), .character("o"), .character("o")], data: data)
        #expect(state.table.sort == .verdict)
        let rows = state.table.rows(data)
        DashboardMachine.reconcile(&state, rows: rows)
        #expect(rows[state.selectedIndex].record.displayName == "miner")
        #expect(rows.first?.record.displayName == "shell")  // pending first
    }

    @Test("the selection stays on the first row while the first sync fills the table, then on the chosen one")
    func selectionStartsAtTheTop() {
        var state = UIState()
        var partial = data
        // The first sync lists containers in whatever order their inspects come back.
        partial.snapshot.containers = [MachineFixtures.record("web-2")]
        DashboardMachine.reconcile(&state, rows: state.table.rows(partial))
        let rows = state.table.rows(data)
        DashboardMachine.reconcile(&state, rows: rows)
        #expect(state.selectedIndex == 0, "the selection followed \(rows[state.selectedIndex].record.displayName)")
        #expect(state.scrollTop == 0)
        // Once the operator picks a row, it follows that container as rows come before it.
        _ = state.press([.character("G")], data: partial)
        let chosen = state.selectedID
        DashboardMachine.reconcile(&state, rows: rows)
        #expect(state.selectedID == chosen)
        #expect(rows[state.selectedIndex].id == MachineFixtures.record("web-2").id)
    }

    @Test func filterNarrowsAsTypedAndEscapeClearsIt() {
        var state = UIState()
        _ = state.press([.character("/")], data: data)
        _ = state.type("web", data: data)
        #expect(state.table.rows(data).map(\.record.displayName) == ["web-1", "web-2"])
        _ = state.press([.enter], data: data)
        #expect(state.overlay == .none)
        #expect(state.table.filter == "web")
        _ = state.press([.character("/"), .escape], data: data)
        #expect(state.table.filter == "")
        _ = state.press([.character("A")], data: data)
        #expect(state.table.rows(data).count == 6)
    }

    @Test func allowProposesNameImageAndIDAndValidatesEdits() {
        var state = UIState()
        _ = state.type("/miner", data: data)
        _ = state.press([.enter, .character("a")], data: data)
        guard case .proposal(let proposal) = state.overlay else {
            Issue.record("no proposal")
            return
        }
        #expect(
            proposal.choices == ["name=miner", "image=busybox:local", "id=\(MachineFixtures.record("miner").shortID)"])
        _ = state.press([.character("2"), .character("e"), .control("u")], data: data)
        _ = state.type("imag=x", data: data)
        guard case .proposal(let editing) = state.overlay else {
            Issue.record("proposal closed")
            return
        }
        #expect(editing.error?.hasPrefix("column 1") == true)
        #expect(state.press([.enter], data: data).isEmpty)  // an invalid rule is never saved
        _ = state.press([.control("u")], data: data)
        _ = state.type("image=busybox:*", data: data)
        #expect(state.press([.enter], data: data) == [.appendRule("image=busybox:*")])
        #expect(state.overlay == .none)
    }

    @Test func allowOnAnAllowedContainerSaysWhy() {
        var state = UIState()
        #expect(state.press([.character("a")], data: data).isEmpty)  // "cache", allowed by image=redis:7
        #expect(state.message?.text == "cache is already allowed by /etc/dockerguard/allowlist:3")
    }

    @Test func removeRuleAsksFirst() {
        var state = UIState()
        _ = state.type("G", data: data)  // web-2, allowed by line 2
        _ = state.press([.character("d")], data: data)
        #expect(
            state.overlay == .dialog(Dialog(.removeRule(line: 2, text: "name=web-*", containers: ["web-2", "web-1"]))))
        #expect(state.press([.enter], data: data).isEmpty)  // default No
        _ = state.press([.character("d")], data: data)
        #expect(state.press([.character("y")], data: data) == [.removeRule(line: 2, expected: "name=web-*")])
    }

    @Test func stopNamesTheConsequenceAndDefaultsToNo() {
        var state = UIState()
        _ = state.type("j", data: data)  // miner
        _ = state.press([.character("s")], data: data)
        guard case .dialog(let dialog) = state.overlay, case .stop(let targets, let action) = dialog.kind else {
            Issue.record("no stop dialog")
            return
        }
        #expect(action == "kill")
        #expect(targets.first?.consequence?.contains("restart policy 'always'") == true)
        #expect(targets.first?.consequence?.contains("Compose project 'shop'") == true)
        #expect(state.press([.character("n")], data: data).isEmpty)
        _ = state.press([.character("s")], data: data)
        #expect(
            state.press([.character("y")], data: data) == [
                .act(ids: [MachineFixtures.record("miner").id], cause: "operator")
            ])
    }

    @Test func stopAllViolatingNeedsTheCountTyped() {
        var state = UIState()
        _ = state.press([.character("S")], data: data)
        guard case .dialog(let dialog) = state.overlay, case .stopAllViolating(let targets, _) = dialog.kind else {
            Issue.record("no dialog")
            return
        }
        #expect(targets.map(\.name) == ["miner", "shell"])
        #expect(targets.map(\.isPending) == [false, true])
        #expect(state.press([.character("y"), .enter], data: data).isEmpty)  // a stray key does nothing
        // Issue 13 item 12: a wrong count says so and lets the operator type again.
        guard case .dialog(let again) = state.overlay else {
            Issue.record("a wrong count closed the dialog")
            return
        }
        #expect(again.error == "typed 'y', not 2: nothing was done")
        #expect(again.typed.text.isEmpty)
        _ = state.type("2", data: data)
        let ids = ["miner", "shell"].map { MachineFixtures.record($0).id }
        #expect(state.press([.enter], data: data) == [.act(ids: ids, cause: "operator (all violating)")])
    }

    /// `y` acts, so it asks first, as `s` does (a y/N dialog naming the action).
    @Test func pendingViolationsAreApprovedOneOrAll() {
        var state = UIState()
        _ = state.type("/shell", data: data)
        _ = state.press([.enter], data: data)
        #expect(state.press([.character("y")], data: data).isEmpty)
        guard case .dialog(let dialog) = state.overlay, case .approve(let target, "kill") = dialog.kind else {
            Issue.record("y did not ask")
            return
        }
        #expect(target.name == "shell")
        #expect(state.press([.character("n")], data: data).isEmpty)
        #expect(state.message?.text == "cancelled")
        #expect(
            state.press([.character("y"), .character("y")], data: data) == [
                .act(ids: [MachineFixtures.record("shell").id], cause: "operator approved")
            ])
        _ = state.press([.character("Y")], data: data)
        #expect(
            state.press([.character("y")], data: data) == [
                .act(ids: [MachineFixtures.record("shell").id], cause: "operator approved")
            ])
    }

    @Test func modeAsksWhichAndListsWhatEnforceWouldActOn() {
        var state = UIState()
        // Issue 13 item 4: the dialog names the containers enforce mode would act on at once.
        #expect(state.press([.character("m")], data: data).isEmpty)
        guard case .dialog(let dialog) = state.overlay, case .mode(.confirm, "kill", let targets) = dialog.kind else {
            Issue.record("no mode dialog")
            return
        }
        #expect(targets.map(\.name) == ["miner", "shell"])
        // From confirm back to audit without passing through enforce (the third trial's trap).
        #expect(state.press([.character("a")], data: data) == [.setMode(.audit)])
        let audit = MachineFixtures.data(mode: .audit)
        #expect(state.press([.character("m"), .character("c")], data: audit) == [.setMode(.confirm)])
        #expect(state.press([.character("m"), .character("e")], data: data) == [.setMode(.enforce)])
        let enforce = MachineFixtures.data(mode: .enforce)
        #expect(state.press([.character("m"), .character("a")], data: enforce) == [.setMode(.audit)])
        // Any other key, or the mode already in force, changes nothing and says so.
        #expect(state.press([.character("m"), .character("y")], data: data).isEmpty)
        #expect(state.message?.text == "cancelled: still in confirm mode")
        #expect(state.press([.character("m"), .character("c")], data: data).isEmpty)
        #expect(state.message?.text == "already in confirm mode")
        #expect(state.overlay == .none)
    }

    @Test func readonlyRefusesEveryChange() {
        var state = UIState()
        var data = data
        data.enforcer.readonly = true
        for key in ["a", "d", "s", "S", "y", "Y", "m", "u"] {
            #expect(state.press([.character(Character(key))], data: data).isEmpty)
            #expect(state.message?.text.hasPrefix("read-only") == true)
            #expect(state.overlay == .none)
        }
        // `e` opens the list to read; every key that would change it is refused there.
        #expect(state.press([.character("e")], data: data) == [.openEditor])
        _ = DashboardMachine.handle(.opened(text: MachineFixtures.listText), state: &state, path: MachineFixtures.path)
        for key: Key in [.enter, .character("o"), .character("x"), .character("w"), .character("u")] {
            #expect(state.press([key], data: data).isEmpty)
            #expect(state.message?.text.hasPrefix("read-only") == true)
            #expect(state.editor?.editing == nil && state.editor?.isDirty == false)
        }
        _ = state.press([.character("j"), .escape], data: data)
        #expect(state.overlay == .none)
    }

    @Test func themesCycle() {
        var state = UIState(theme: "default", themes: ["default", "light", "mono"])
        #expect(state.press([.character("t")], data: data) == [.applyTheme("light")])
        #expect(
            state.press([.character("t"), .character("t")], data: data) == [
                .applyTheme("mono"), .applyTheme("default"),
            ])
        // The fourth trial: with one theme found, `t` said `theme default` each time and no more.
        var alone = UIState(theme: "default", themes: ["default"])
        #expect(alone.press([.character("t")], data: data).isEmpty)
        #expect(alone.message?.text == "default is the only theme: no themes directory found (README: --theme)")
    }

    @Test func quitAsksOnlyWithUnsavedEdits() {
        var clean = UIState()
        #expect(clean.press([.character("q")], data: data) == [.quit])
        var state = UIState()
        _ = DashboardMachine.handle(.opened(text: MachineFixtures.listText), state: &state, path: MachineFixtures.path)
        _ = state.press([.character("o")], data: data)
        _ = state.type("name=shell", data: data)
        _ = state.press([.enter], data: data)
        #expect(state.editor?.isDirty == true)
        #expect(state.press([.character("q")], data: data).isEmpty)
        #expect(state.press([.character("n")], data: data).isEmpty)
        #expect(state.editor != nil)
        _ = state.press([.character("q")], data: data)
        #expect(state.press([.character("y")], data: data) == [.quit])
    }
}

/// Issue 13: the dashboard's promises, one test per item.
@Suite struct DashboardPromiseTests {
    let data = MachineFixtures.data(pending: [MachineFixtures.record("shell").id])

    /// Item 6: a proposal that does not match the container says so and needs a second Enter; an
    /// `image=` proposal says which other containers it allows too.
    @Test func proposalSaysWhatTheRuleWouldDo() {
        var state = UIState()
        _ = state.type("/shell", data: data)
        _ = state.press([.enter, .character("a")], data: data)
        guard case .proposal(let first) = state.overlay else {
            Issue.record("no proposal")
            return
        }
        #expect(first.note == nil)  // name=shell allows shell alone
        _ = state.press([.character("2")], data: data)
        guard case .proposal(let image) = state.overlay else { return }
        #expect(image.note == "it also allows 2 other containers: miner, old")  // web-1 is allowed already
        // Running ones are named first, whatever the engine's order (the seventh trial).
        var stoppedFirst = data
        let containers = MachineFixtures.containers
        stoppedFirst.snapshot = ContainerSnapshot(
            version: 2, containers: containers.filter { !$0.isRunning } + containers.filter(\.isRunning),
            engine: data.snapshot.engine, isSynced: true, lastSyncAt: 0)
        var again = UIState()
        _ = again.type("/shell", data: stoppedFirst)
        _ = again.press([.enter, .character("a"), .character("2")], data: stoppedFirst)
        guard case .proposal(let reordered) = again.overlay else { return }
        #expect(reordered.note == "it also allows 2 other containers: miner, old")
        _ = state.press([.character("1"), .character("e"), .control("u")], data: data)
        _ = state.type("name=foo", data: data)
        guard case .proposal(let foo) = state.overlay else { return }
        #expect(foo.note == "this rule does not match shell")
        #expect(state.press([.enter], data: data).isEmpty)  // the first Enter only warns
        guard case .proposal(let warned) = state.overlay else {
            Issue.record("saved a rule that does not match at the first Enter")
            return
        }
        #expect(warned.note == "this rule does not match shell: Enter again to save it anyway")
        #expect(state.press([.enter], data: data) == [.appendRule("name=foo")])
    }

    /// Item 8: an undo that can never apply clears the history and says why, once.
    @Test func undoAfterTheFileChangedOutsideSaysWhyItEnded() {
        var state = UIState()
        let path = MachineFixtures.path
        _ = DashboardMachine.handle(.saved(description: "one", before: "a\n", after: "b\n"), state: &state, path: path)
        // Overwritten after an outside change: the file held "b\nc\n", not "b\n".
        _ = DashboardMachine.handle(
            .saved(description: "two", before: "b\nc\n", after: "d\n"), state: &state, path: path)
        #expect(state.history.map(\.description) == ["two"])
        #expect(state.message?.text.contains("older undo steps dropped") == true)
        #expect(state.press([.character("u")], data: data) == [.restore(text: "b\nc\n", expected: "d\n")])
        _ = DashboardMachine.handle(.undone(description: "two"), state: &state, path: path)
        _ = state.press([.character("u")], data: data)
        #expect(state.message?.text == "nothing to undo: the file changed outside the dashboard before the last save")

        var stale = UIState()
        _ = DashboardMachine.handle(.saved(description: "one", before: "a\n", after: "b\n"), state: &stale, path: path)
        _ = DashboardMachine.handle(.undoConflict, state: &stale, path: path)
        #expect(stale.history.isEmpty)
        #expect(stale.message?.isError == true)
        _ = stale.press([.character("u")], data: data)
        #expect(stale.message?.text.hasPrefix("nothing to undo: the file changed outside") == true)
    }

    /// Item 13: a key that does nothing says so, once.
    @Test func unknownKeysAreNamedOnce() {
        var state = UIState()
        for key: Key in [.character("z"), .character(":"), .character("r"), .tab] {
            state.message = nil
            state.lastUnknownKey = nil
            #expect(state.press([key], data: data).isEmpty)
            #expect(state.message?.text == "unknown key \u{2014} ? for help", "\(key)")
        }
        _ = state.press([.character("z")], data: data)
        _ = state.press([.character("z")], data: data)
        #expect(state.message == nil)  // said once, not on every press
        _ = state.press([.character("j"), .character("z")], data: data)
        #expect(state.message == nil)
        _ = state.press([.character("o"), .character("z")], data: data)
        #expect(state.message?.text == "unknown key \u{2014} ? for help")
    }

    /// Item 10: the help overlay scrolls, and `q` and the editor keys can be reached.
    @Test func helpScrolls() {
        var state = UIState()
        state.pageSize = 16
        _ = state.press([.character("?"), .character("j"), .character("j")], data: data)
        #expect(state.helpScroll == 2 && state.overlay == .help)
        _ = state.press([.character("G")], data: data)
        let last = state.helpScroll
        #expect(last > 2)
        _ = state.press([.pageUp, .character("g")], data: data)
        #expect(state.helpScroll == 0)
        _ = state.press([.character("G"), .escape, .character("?")], data: data)
        #expect(state.helpScroll == 0)
        _ = state.press([.character("z")], data: data)
        #expect(state.overlay == .help && state.message?.text == "unknown key \u{2014} Esc closes the help")
    }

    /// The finding: the editor's "not saved" error does not outlive its fix.
    @Test func editorErrorMessageGoesWithTheNextKey() {
        var state = UIState()
        _ = DashboardMachine.handle(.opened(text: MachineFixtures.listText), state: &state, path: MachineFixtures.path)
        _ = state.press([.character("o")], data: data)
        _ = state.type("nmae=x", data: data)
        _ = state.press([.enter, .character("w")], data: data)
        #expect(state.message?.text.hasPrefix("not saved: line 2") == true)
        _ = state.press([.character("x")], data: data)  // the bad line deleted
        #expect(state.message == nil)
    }

    /// The third trial: `u` in the editor undoes the unsaved changes one by one before the saves.
    @Test func editorUndoStepsBackThroughUnsavedChanges() {
        var state = UIState()
        let path = MachineFixtures.path
        _ = DashboardMachine.handle(
            .saved(description: "one", before: "a\n", after: MachineFixtures.listText), state: &state, path: path)
        _ = DashboardMachine.handle(.opened(text: MachineFixtures.listText), state: &state, path: path)
        let lines = state.editor?.document.lines ?? []
        _ = state.press([.character("o")], data: data)
        _ = state.type("name=shell", data: data)
        _ = state.press([.enter, .character("g"), .character("x")], data: data)
        #expect(state.editor?.document.lines.count == lines.count)
        #expect(state.press([.character("u")], data: data).isEmpty)
        #expect(state.editor?.document.lines == [lines[0], "name=shell"] + lines.dropFirst())
        #expect(state.message?.text == "undid an unsaved change")
        #expect(state.press([.character("u")], data: data).isEmpty)
        #expect(state.editor?.document.lines == lines && state.editor?.isDirty == false)
        #expect(state.message?.text == "undid an unsaved change: the draft is the file again")
        // Nothing unsaved left: the next `u` undoes the last save, as in the table.
        #expect(
            state.press([.character("u")], data: data) == [.restore(text: "a\n", expected: MachineFixtures.listText)])
    }

    /// The sixth trial: undoing a save from the editor read the file again with the selection
    /// back on line 1; it stays on its line (or the last, when the file got shorter).
    @Test func editorKeepsItsLineWhenTheFileIsReadAgain() {
        var state = UIState()
        let path = MachineFixtures.path
        _ = DashboardMachine.handle(.opened(text: MachineFixtures.listText), state: &state, path: path)
        _ = state.press([.character("j"), .character("j")], data: data)
        #expect(state.editor?.cursor == 2)
        _ = DashboardMachine.handle(.opened(text: MachineFixtures.listText + "name=db\n"), state: &state, path: path)
        #expect(state.editor?.cursor == 2 && state.editor?.document.lines.count == 4)
        _ = DashboardMachine.handle(.opened(text: "name=a\n"), state: &state, path: path)
        #expect(state.editor?.cursor == 0)
    }

    /// The sixth trial: `?` in the editor lost the unsaved edits (the help closed to the table), and
    /// `?` on the detail pane closed it. Both now open the help over them and come back.
    @Test func helpComesBackToTheEditorAndTheDetailPane() {
        var state = UIState()
        _ = DashboardMachine.handle(.opened(text: MachineFixtures.listText), state: &state, path: MachineFixtures.path)
        _ = state.press([.character("o")], data: data)
        _ = state.type("name=shell", data: data)
        _ = state.press([.enter, .character("?")], data: data)
        #expect(state.overlay == .help)
        _ = state.press([.escape], data: data)
        #expect(state.editor?.isDirty == true && state.editor?.document.lines.contains("name=shell") == true)
        _ = state.press([.escape, .character("y")], data: data)  // discard, asked
        #expect(state.overlay == .none)
        _ = state.press([.enter], data: data)
        guard case .detail = state.overlay else {
            Issue.record("no detail pane: \(state.overlay)")
            return
        }
        let detail = state.overlay
        _ = state.press([.character("?")], data: data)
        #expect(state.overlay == .help)
        _ = state.press([.character("q")], data: data)
        #expect(state.overlay == detail)
    }

    /// Item 9: results go after a few seconds, errors later.
    @Test func messagesExpire() {
        var expiry = MessageExpiry()
        var state = UIState()
        state.message = .init("stop web-1: done")
        #expect(expiry.update(&state, now: 100) == 100 + MessageExpiry.lifetime)
        #expect(expiry.update(&state, now: 104) != nil && state.message != nil)
        #expect(expiry.update(&state, now: 105.1) == nil && state.message == nil)
        state.message = .init("stop web-1: failed: x", isError: true)
        _ = expiry.update(&state, now: 200)
        _ = expiry.update(&state, now: 210)
        #expect(state.message != nil)
        _ = expiry.update(&state, now: 215.5)
        #expect(state.message == nil)
    }

    /// Item 12: a batch is reported container by container.
    @Test func batchReportNamesEveryContainer() {
        var state = UIState()
        let outcomes = [
            ActionOutcome(containerName: "a", action: "stop", failure: nil, time: 0),
            ActionOutcome(containerName: "b", action: "stop", failure: "conflict", time: 0),
            ActionOutcome(containerName: "c", action: "stop", failure: nil, time: 0),
        ]
        _ = DashboardMachine.handle(.acted(outcomes), state: &state, path: MachineFixtures.path)
        #expect(state.message == .init("stop 3: a done, b failed: conflict, c done", isError: true))
    }

    /// The fifth and sixth trials: switching to enforce reported only the last of its stops. The guard's
    /// own outcomes join the report on the status line while it shows; after it, a new one starts.
    @Test func guardActionsJoinOneReport() {
        var state = UIState()
        func stop(_ name: String, failure: String? = nil) -> ActionOutcome {
            ActionOutcome(containerName: name, action: "stop", failure: failure, time: 0)
        }
        DashboardMachine.guardActed([stop("a")], state: &state)
        #expect(state.message == .init("stop a: done"))
        DashboardMachine.guardActed([stop("b"), stop("c")], state: &state)
        #expect(state.message == .init("stop 3: a done, b done, c done"))
        DashboardMachine.guardActed(
            [ActionOutcome(containerName: "d", action: "kill", failure: nil, time: 0)], state: &state)
        #expect(state.message == .init("acted on 4: stop a done, stop b done, stop c done, kill d done"))
        DashboardMachine.guardActed([stop("e"), stop("f", failure: "conflict")], state: &state)
        #expect(state.message == .init("acted on 6: 5 done, f failed: conflict", isError: true))
        // Another message (or none, once it expired) ends the report.
        state.message = .init("mode enforce")
        DashboardMachine.guardActed([stop("g")], state: &state)
        #expect(state.message == .init("stop g: done"))
        state.message = nil
        DashboardMachine.guardActed([stop("h")], state: &state)
        #expect(state.message == .init("stop h: done"))
        DashboardMachine.guardActed([], state: &state)
        #expect(state.message == .init("stop h: done"))
        // Those still under way are counted, until they are done.
        state.message = nil
        DashboardMachine.guardActed([stop("i")], underWay: 2, state: &state)
        #expect(state.message == .init("stop i: done; 2 more under way"))
        DashboardMachine.guardActed([], underWay: 2, state: &state)
        #expect(state.message == .init("stop i: done; 2 more under way"))
        DashboardMachine.guardActed([stop("j")], underWay: 1, state: &state)
        #expect(state.message == .init("stop 2: i done, j done; 1 more under way"))
        DashboardMachine.guardActed([stop("k")], underWay: 0, state: &state)
        #expect(state.message == .init("stop 3: i done, j done, k done"))

        // The eighth trial: a switch's stops start, the message goes after 5 s while two are still
        // under way, and the last ones join the same report rather than start another.
        state.message = nil
        DashboardMachine.guardActed([], underWay: 4, action: "stop", state: &state)
        #expect(state.message == .init("stop: 4 under way\u{2026}"))
        DashboardMachine.guardActed([stop("l"), stop("m")], underWay: 2, action: "stop", state: &state)
        #expect(state.message == .init("stop 2: l done, m done; 2 more under way"))
        state.message = nil  // expired
        DashboardMachine.guardActed([], underWay: 2, action: "stop", state: &state)
        #expect(state.message == nil)
        DashboardMachine.guardActed([stop("n"), stop("o")], underWay: 0, action: "stop", state: &state)
        #expect(state.message == .init("stop 4: l done, m done, n done, o done"))
        // One whose last actions were not the guard's (an operator's) is over once none is left.
        state.message = nil
        DashboardMachine.guardActed([stop("p")], underWay: 1, action: "stop", state: &state)
        state.message = nil
        DashboardMachine.guardActed([], underWay: 0, action: "stop", state: &state)
        DashboardMachine.guardActed([stop("q")], underWay: 0, action: "stop", state: &state)
        #expect(state.message == .init("stop q: done"))
    }
}
