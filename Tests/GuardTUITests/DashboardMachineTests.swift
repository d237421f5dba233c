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
        #expect(state.overlay == .dialog(Dialog(.removeRule(line: 2, text: "name=web-*", container: "web-2"))))
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
        #expect(state.press([.character("y"), .enter], data: data).isEmpty)  // a stray key does nothing
        #expect(state.message?.isError == true)
        _ = state.press([.character("S")], data: data)
        _ = state.type("2", data: data)
        let ids = ["miner", "shell"].map { MachineFixtures.record($0).id }
        #expect(state.press([.enter], data: data) == [.act(ids: ids, cause: "operator (all violating)")])
    }

    @Test func pendingViolationsAreApprovedOneOrAll() {
        var state = UIState()
        _ = state.type("/shell", data: data)
        _ = state.press([.enter], data: data)
        #expect(
            state.press([.character("y")], data: data) == [
                .act(ids: [MachineFixtures.record("shell").id], cause: "operator approved")
            ])
        _ = state.press([.character("Y")], data: data)
        #expect(
            state.press([.character("y")], data: data) == [
                .act(ids: [MachineFixtures.record("shell").id], cause: "operator approved")
            ])
    }

    @Test func modeCyclesAndAsksBeforeEnforce() {
        var state = UIState()
        let audit = MachineFixtures.data(mode: .audit)
        #expect(state.press([.character("m")], data: audit) == [.setMode(.confirm)])
        #expect(state.press([.character("m")], data: data).isEmpty)
        #expect(state.overlay == .dialog(Dialog(.enforceMode(action: "kill"))))
        #expect(state.press([.character("y")], data: data) == [.setMode(.enforce)])
        #expect(state.press([.character("m")], data: MachineFixtures.data(mode: .enforce)) == [.setMode(.audit)])
    }

    @Test func readonlyRefusesEveryChange() {
        var state = UIState()
        var data = data
        data.enforcer.readonly = true
        for key in ["a", "d", "e", "s", "S", "y", "Y", "m", "u"] {
            #expect(state.press([.character(Character(key))], data: data).isEmpty)
            #expect(state.message?.text.hasPrefix("read-only") == true)
            #expect(state.overlay == .none)
        }
    }

    @Test func themesCycle() {
        var state = UIState(theme: "default", themes: ["default", "light", "mono"])
        #expect(state.press([.character("t")], data: data) == [.applyTheme("light")])
        #expect(
            state.press([.character("t"), .character("t")], data: data) == [
                .applyTheme("mono"), .applyTheme("default"),
            ])
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
