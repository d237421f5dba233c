import GuardCore
import Testing

@testable import GuardTUI

@Suite("marks, Compose groups and the shell key")
struct MarksAndGroupsTests {
    typealias M = MachineFixtures
    let data = M.data(pending: [M.record("shell").id])

    func id(_ name: String) -> String { M.record(name).id }

    @Test("Space marks and moves down, again unmarks; Esc clears the marks before the filter")
    func marking() {
        var state = UIState()
        _ = state.press([.character(" "), .character(" ")], data: data)  // cache, miner
        #expect(state.marked == [id("cache"), id("miner")])
        #expect(state.selectedID == id("shell"))
        _ = state.press([.up, .character(" ")], data: data)
        #expect(state.marked == [id("cache")])
        state.table.filter = "c"
        _ = state.press([.escape], data: data)
        #expect(state.marked.isEmpty && state.table.filter == "c" && state.message?.text == "marks cleared")
        _ = state.press([.escape], data: data)
        #expect(state.table.filter == "")
    }

    @Test("s with marks: one dialog for the running marked; y stops them and clears the marks, No keeps them")
    func stopMarked() {
        var state = UIState()
        state.marked = [id("miner"), id("shell"), id("old")]
        _ = state.press([.character("s")], data: data)
        guard case .dialog(let dialog) = state.overlay, case .stop(let targets, _) = dialog.kind else {
            Issue.record("no stop dialog: \(state.overlay)")
            return
        }
        // The exited one cannot be stopped: left out.
        #expect(targets.map(\.name) == ["miner", "shell"] && dialog.fromMarks)
        #expect(state.press([.character("n")], data: data).isEmpty)
        #expect(state.marked.count == 3)
        let commands = state.press([.character("s"), .character("y")], data: data)
        #expect(commands == [.act(ids: [id("miner"), id("shell")], cause: "operator")])
        #expect(state.marked.isEmpty)
    }

    @Test("y with marks approves the marked pending ones only")
    func approveMarked() {
        var state = UIState()
        state.marked = [id("miner"), id("shell")]
        _ = state.press([.character("y")], data: data)
        // The fifth trial: the dialog says the marked row that is not pending is left alone.
        guard case .dialog(let dialog) = state.overlay else {
            Issue.record("no dialog: \(state.overlay)")
            return
        }
        #expect(dialog.marksLeftOut == 1)
        var screen = Screen(width: 100, height: 24)
        DialogView(dialog: dialog, path: "", stopTimeout: 10, glyphs: .utf8).draw(on: &screen)
        #expect(screen.text.contains("(1 marked is not pending: left alone)"), "\(screen.text)")
        let commands = state.press([.character("y")], data: data)
        #expect(commands == [.act(ids: [id("shell")], cause: "operator approved")])
        #expect(state.marked.isEmpty)
    }

    @Test("a with marks offers one rule each or a shared one; saving writes them all and clears the marks")
    func allowMarked() {
        var state = UIState()
        let two = [M.record("miner"), M.record("shell")]
        var data = data
        data.snapshot.containers += [M.record("shop-a", image: "app:1"), M.record("shop-b", image: "app:1")]
        state.marked = [two[0].id, two[1].id, id("web-1")]
        _ = state.press([.character("a")], data: data)
        guard case .proposal(let proposal) = state.overlay else {
            Issue.record("no proposal: \(state.overlay)")
            return
        }
        // web-1 is allowed already: left out. The two share only their image.
        #expect(proposal.choices == ["name=miner\nname=shell", "image=busybox:local"])
        #expect(proposal.containerIDs == two.map(\.id))
        // The shared image rule would allow others too: said before saving.
        _ = state.press([.character("2")], data: data)
        guard case .proposal(let shared) = state.overlay else { return }
        #expect(shared.note?.contains("also allows") == true)
        // One rule each cannot be edited as one line.
        _ = state.press([.character("1"), .character("e")], data: data)
        guard case .proposal(let each) = state.overlay else { return }
        #expect(each.editor == nil && each.error != nil)
        #expect(state.press([.enter], data: data) == [.appendRule("name=miner\nname=shell")])
        #expect(state.marked.isEmpty && state.overlay == .none)

        state.marked = [id("shop-a"), id("shop-b")]
        _ = state.press([.character("a")], data: data)
        guard case .proposal(let alike) = state.overlay else { return }
        #expect(alike.choices == ["name=shop-a\nname=shop-b", "image=app:1", "name=shop-*"])
        _ = state.press([.escape], data: data)
        #expect(state.marked.count == 2)
    }

    @Test("P: a header per project with its counts and worst verdict, no project last; Enter folds")
    func groups() {
        var state = UIState()
        var data = data
        data.snapshot.containers.append(
            M.record("shop-web", image: "redis:7", labels: ["com.docker.compose.project": "shop"]))
        _ = state.press([.character("P")], data: data)
        var rows = state.table.rows(data)
        #expect(
            rows.map(\.record.displayName) == [
                "shop", "miner", "shop-web", "no project", "cache", "shell", "web-1", "web-2",
            ])
        let shop = rows[0]
        #expect(shop.group?.memberIDs == [id("miner"), id("shop-web")] && shop.verdict == .violating)
        #expect(shop.group?.summary(.utf8) == "✗ 1  ✓ 1" && shop.group?.summary(.ascii) == "! 1  + 1")
        #expect(rows[3].verdict == .pending && rows[3].group?.project == nil)
        // Its detail pane says the same in words.
        #expect(
            DetailView(data: data, row: shop, glyphs: .utf8).lines(shop, rows: 5).map(\.value) == [
                "violating — its worst container's", "2: 1 violating, 1 allowed",
                "Enter folds it, Space marks its containers",
            ])
        // Enter on a header folds it; Space there marks all of its containers.
        _ = state.press([.character("g"), .enter], data: data)
        rows = state.table.rows(data)
        #expect(rows.map(\.record.displayName).prefix(2) == ["shop", "no project"])
        #expect(rows[0].group?.folded == true && state.overlay == .none)
        _ = state.press([.character("g"), .character(" ")], data: data)
        #expect(state.marked == [id("miner"), id("shop-web")])
        _ = state.press([.character("g"), .enter], data: data)
        #expect(state.table.rows(data).count == 8)
        // Keys about one container say what to do on a header.
        _ = state.press([.character("g"), .character("d")], data: data)
        #expect(state.overlay == .none && state.message?.text.contains("header") == true)
        _ = state.press([.character("P")], data: data)
        #expect(state.table.rows(data).allSatisfy { $0.group == nil })
    }

    @Test("x: a shell in the selected running container, only where it was offered")
    func shellKey() {
        var state = UIState()
        #expect(state.press([.character("x")], data: data).isEmpty)
        #expect(state.message == DashboardMachine.unknownKeyMessage)
        state.canExec = true
        #expect(state.press([.character("x")], data: data) == [.exec(id: id("cache"), name: "cache")])
        var readonly = data
        readonly.enforcer.readonly = true
        state.message = nil
        #expect(state.press([.character("x")], data: readonly).isEmpty)
        #expect(HelpView(glyphs: .ascii, exec: true).lines.contains(.key("x", "shell (docker exec sh)")))
        #expect(
            !HelpView(glyphs: .ascii, exec: false).lines.contains { if case .key("x", _) = $0 { true } else { false } })
    }

    @Test("? lists the logs and inspect views' own keys under a heading of their own (found in a new-user trial)")
    func helpListsTheViewsKeys() {
        let lines = HelpView(glyphs: .ascii).lines
        guard let heading = lines.firstIndex(of: .heading("logs (l) and inspect (i)")) else {
            Issue.record("no heading for the views: \(lines)")
            return
        }
        let section = lines[heading...].prefix { $0 != .blank }
        for key in ["f", "w", "t", "M", "/", "n/N", "q/Esc"] {
            #expect(section.contains { if case .key(key, _) = $0 { true } else { false } }, "\(key) missing")
        }
    }
}
