import GuardCore
import Testing

@testable import GuardTUI

@Suite struct DashboardRendererTests {
    typealias F = DashboardFixtures

    static func render(
        _ data: DashboardData, _ state: UIState, width: Int = 80, height: Int = 24, glyphs: Glyphs = .utf8
    ) -> Screen {
        DashboardRenderer.render(
            data: data, state: state, rows: state.table.rows(data, preview: TablePreview(state)),
            width: width, height: height, glyphs: glyphs)
    }

    static func lines(_ screen: Screen) -> [String] {
        screen.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// The rows of the screen whose cells are in `role`, as text.
    static func text(of role: Role, in screen: Screen) -> [String] {
        (0..<screen.height).compactMap { row in
            let cells = screen.row(row).filter { $0.role == role }
            return cells.isEmpty ? nil : String(cells.map(\.character))
        }
    }

    @Test func truncatesWithTheEllipsisGlyph() {
        #expect(TextFit.truncate("shop-worker-1", to: 8, ellipsis: "…") == "shop-wo…")
        #expect(TextFit.truncate("shop-worker-1", to: 8, ellipsis: "~") == "shop-wo~")
        #expect(TextFit.truncate("web-1", to: 5, ellipsis: "…") == "web-1")
        #expect(TextFit.truncate("web-1", to: 0, ellipsis: "…") == "")
        #expect(TextFit.wrap("a bb ccc dddd", to: 6, ellipsis: "…") == ["a bb", "ccc", "dddd"])
    }

    @Test func headerCountsTheHostNotTheFilter() {
        var state = F.state()
        state.table.filter = "web"
        let counts = DashboardCounts(F.data())
        #expect([counts.running, counts.allowed, counts.violating, counts.pending, counts.unknown] == [9, 6, 2, 1, 0])
        let header = Self.lines(Self.render(F.data(), state, width: 120))[0]
        #expect(header.contains("running 9  allowed 6  violating 2  pending 1"))
        #expect(header.contains("filter 'web'"))
        // At 40 columns the filter outranks the counts' tail: it is why rows are missing.
        let narrow = Self.lines(Self.render(F.data(), state, width: 40, height: 10))[0]
        #expect(narrow.contains("run 9 ok 6") && narrow.contains("filter 'web'"), "\(narrow)")
        state.table.filter = ""
        #expect(Self.lines(Self.render(F.data(), state, width: 40, height: 10))[0].contains("run 9 ok 6 bad 2 pend 1"))
    }

    /// The seventh trial: with `A` at 40–51 columns the mode was nowhere on screen, and at 60–80
    /// a filter or marks went from the header while the rows were filtered or marked.
    @Test("the header keeps the mode at every width, and a filter and marks before the long forms")
    func headerKeepsModeFilterAndMarks() {
        var state = F.state()
        state.table.showStopped = true
        for width in [40, 44, 50, 60, 70, 80, 120] {
            let header = Self.lines(Self.render(F.data(), state, width: width, height: 10))[0]
            #expect(header.contains("confirm"), "\(width): \(header)")
        }
        state.table.filter = "web"
        state.marked = [F.data().snapshot.containers[0].id]
        for width in [44, 60, 70, 80] {
            let header = Self.lines(Self.render(F.data(), state, width: width, height: 10))[0]
            #expect(header.contains("confirm") && header.contains("1 marked"), "\(width): \(header)")
            #expect(header.contains("filter 'web'"), "\(width): \(header)")
        }
    }

    /// The eighth trial: `y` in `d`'s dialog stopped three containers in enforce mode without a
    /// word; the dialog says what the mode in force does to them.
    @Test func removeRuleSaysWhatTheModeDoes() {
        let dialog = Dialog(.removeRule(line: 2, text: "name=web-*", containers: ["web-2", "web-1"]))
        for (mode, said) in [
            (EnforcementMode.enforce, "enforce mode will kill them at once"),
            (.confirm, "confirm mode holds them for you as pending"), (.audit, "audit mode only records it"),
        ] {
            var screen = Screen(width: 100, height: 24)
            DialogView(dialog: dialog, path: "", stopTimeout: 10, glyphs: .utf8, mode: mode, action: "kill")
                .draw(on: &screen)
            // The dialog wraps its lines: read them as one text.
            let words = screen.text.split(whereSeparator: { " │\n".contains($0) }).joined(separator: " ")
            #expect(words.contains(said), "\(screen.text)")
        }
    }

    @Test("the filter 'violating' finds the violations held for the operator too; 'pending' only those")
    func filterOnViolatingFindsPending() {
        let verdicts = { (filter: String) in RowBuilder(filter: filter).rows(F.data()).map(\.verdict.word).sorted() }
        #expect(verdicts("violating") == ["pending", "violating", "violating"])
        #expect(verdicts("pending") == ["pending"])
    }

    @Test("a long command goes over up to four lines of the detail pane, broken after spaces, then is cut")
    func longCommandWraps() throws {
        let data = F.data()
        var row = try #require(RowBuilder().rows(data).first)
        row.record.command = ["sh", "-c", String(repeating: "echo hello; ", count: 30)]
        let lines = DetailView(data: data, row: row, glyphs: .utf8).lines(row, rows: 40, valueWidth: 50)
        let start = try #require(lines.firstIndex { $0.label == "command" })
        let command = [lines[start]] + lines[(start + 1)...].prefix { $0.label.isEmpty }
        #expect(command.count == 4)
        // The third trial: lines end after a space (a word is never split), and fill most of the width.
        #expect(command.dropLast().allSatisfy { $0.value.hasSuffix(" ") && (26...50).contains($0.value.count) })
        #expect(command.map(\.value).joined() == ShellWords.quote(row.record.command), "the last line keeps the rest")
        #expect(lines[start + 4].label == "ports")
    }

    @Test func readonlyShowsInHeaderAndStatusBar() {
        var data = F.data()
        data.enforcer.readonly = true
        let lines = Self.lines(Self.render(data, UIState()))
        #expect(lines[0].contains("READONLY"))
        #expect(lines[22].contains("READONLY"))
    }

    @Test func selectionStaysVisibleWhenScrolledAway() throws {
        let records = (0..<1000).map { index in
            ContainerRecord(
                id: F.id(String(format4(index))), name: "/c-\(format4(index))", imageRef: "busybox",
                imageID: "sha256:0",
                state: "running", createdAt: "2026-11-25T22:00:00Z", startedAt: "2026-11-25T22:00:00Z")
        }
        var state = UIState()
        state.selectedIndex = 500
        state.scrollTop = 0
        let screen = Self.render(F.data(containers: records), state)
        #expect(screen.width == 80 && screen.height == 24)
        let selected = try #require(Self.text(of: .selection, in: screen).first)
        #expect(selected.contains("c-0500"))

        state.scrollTop = 990  // past the end: pulled back so the selection shows
        let back = Self.render(F.data(containers: records), state)
        #expect(Self.text(of: .selection, in: back).first?.contains("c-0500") == true)
    }

    @Test func selectionFollowsTheIDThenTheIndex() {
        let rows = F.state().table.rows(F.data())
        var state = F.state()
        #expect(DashboardRenderer.selectedIndex(rows: rows, state: state).map { rows[$0].id } == F.workerID)
        state.selectedID = "gone"
        state.selectedIndex = 99
        #expect(DashboardRenderer.selectedIndex(rows: rows, state: state) == rows.count - 1)
        #expect(DashboardRenderer.selectedIndex(rows: [], state: state) == nil)
    }

    @Test func aThousandRowsRenderAtEverySize() {
        let records = (0..<1000).map { index in
            ContainerRecord(
                id: F.id("ab\(format4(index))"), name: "/svc-\(format4(index))", imageRef: "nginx:1.27",
                imageID: "sha256:1",
                state: "running", createdAt: "2026-11-25T22:00:00Z", startedAt: "2026-11-25T22:00:00Z")
        }
        for (width, height) in [(40, 10), (80, 24), (120, 40)] {
            let screen = Self.render(F.data(containers: records), UIState(), width: width, height: height)
            let lines = Self.lines(screen)
            #expect(lines[0].contains("1000"), "\(width)x\(height): \(lines[0])")
            // Every line between the header and the status bar is a row, the first ones in name order.
            let shown = lines.compactMap { line in
                line.firstRange(of: "svc-").map { String(line[$0.upperBound...].prefix(4)) }
            }
            #expect(shown == (0..<(height - 4)).map(format4), "\(width)x\(height):\n\(screen.text)")
            #expect(lines.allSatisfy { $0.count <= width })
        }
    }

    @Test func beforeTheFirstSyncTheConnectionErrorShows() {
        var data = F.data(containers: [], synced: false)
        data.snapshot.engine.connection = .reconnecting(error: "connection refused")
        let screen = Self.render(data, UIState())
        let errors = Self.text(of: .error, in: screen)
        #expect(errors.contains { $0.contains("cannot reach unix:///var/run/docker.sock: connection refused") })
        #expect(errors.contains { $0.contains("reconnecting: connection refused") })
    }

    @Test func anEngineErrorNamingTheEndpointIsShownOnce() {
        var data = F.data(containers: [], synced: false)
        let error = "cannot connect to unix:///var/run/docker.sock: connection refused"
        data.snapshot.engine.connection = .reconnecting(error: error)
        let errors = Self.text(of: .error, in: Self.render(data, UIState()))
        #expect(errors.contains { $0.contains(error) })
        #expect(!errors.contains { $0.contains("cannot reach") }, "\(errors)")
    }

    @Test func withoutAnAllowListRowsAreUnknownAndTheStatusBarSaysWhy() {
        var data = F.data()
        data.policy = PolicyState(path: F.path).current
        data.policy.loadError = "/etc/dockerguard/allowlist:2:1: unknown key 'nmae'\nmore"
        let screen = Self.render(data, F.state())
        #expect(Self.lines(screen)[2].hasPrefix(" ·   "))
        #expect(screen[2, 1].role == .muted)
        #expect(Self.text(of: .error, in: screen).contains { $0.contains("unknown key 'nmae'") })
    }

    @Test func failedAPIAndFailedActionAreErrors() {
        var data = F.data()
        data.api = .failed(address: "127.0.0.1:8080", error: "address already in use")
        // The loop turns each outcome into the status line's message (which then expires).
        var state = UIState()
        let outcome = ActionOutcome(containerName: "miner", action: "kill", failure: "no such container", time: F.now)
        state.message = .init(outcome.summary, isError: true)
        let errors = Self.text(of: .error, in: Self.render(data, state, width: 120, height: 40))
        #expect(errors.contains { $0.contains("API 127.0.0.1:8080: address already in use") })
        #expect(errors.contains { $0.contains("kill miner: failed: no such container") })
    }

    @Test func selectedRowKeepsItsVerdictMark() {
        let screen = Self.render(F.data(), F.state())
        let row = Self.lines(screen).firstIndex { $0.contains("shop-worker-1") }!
        #expect(screen[row, 1] == Screen.Cell("✗", .violating))
        #expect(screen[row, 5].role == .selection)
    }

    /// Issue 13 item 3: in confirm mode what loses its rule would be held (`…`), not acted on.
    @Test func editorPreviewMarksShowTheFlip() {
        let screen = Self.render(F.data(), F.state(.editor(F.editor())), width: 120, height: 40)
        let lines = Self.lines(screen)
        let web2 = lines.firstIndex { $0.contains("web-2") }!
        #expect(lines[web2].hasPrefix(" ✓→… "))
        #expect(screen[web2, 2].role == .preview && screen[web2, 3].role == .preview)
        #expect(lines.contains { $0.hasPrefix(" ✗→✓ miner") })

        var enforcing = F.data()
        enforcing.enforcer.mode = .enforce
        let enforced = Self.lines(Self.render(enforcing, F.state(.editor(F.editor())), width: 120, height: 40))
        #expect(enforced.contains { $0.hasPrefix(" ✓→✗ web-2") })
        var stopped = F.state(.editor(F.editor()))
        stopped.table.showStopped = true
        var exited = F.data()
        exited.snapshot.containers[1].state = "exited"  // web-2
        let shown = Self.lines(Self.render(exited, stopped, width: 120, height: 40))
        #expect(shown.contains { $0.hasPrefix(" ✓→○ web-2") }, "\(shown.joined(separator: "\n"))")
    }

    /// The fifth trial: the editor's bar names `u`, and while a line is edited, what Enter and Esc
    /// do to that line (it said `Esc close`, which cancels the line instead).
    @Test func editorBarFollowsWhatTheKeysDo() {
        let idle = Self.lines(Self.render(F.data(), F.state(.editor(F.editor())), width: 120, height: 40))
        #expect(idle.contains { $0.contains("u undo") && $0.contains("Esc close") })
        var editor = F.editor()
        editor.editing = .init(line: 0, isNew: false, editor: LineEditor(editor.document.lines[0]))
        let editing = Self.lines(Self.render(F.data(), F.state(.editor(editor)), width: 120, height: 40))
        #expect(editing.contains { $0.contains("Enter keep the line") && $0.contains("Esc undo the line") })
        #expect(!editing.contains { $0.contains("Esc close") })
    }

    /// Issue 13 items 1 and 11: with `A` the header counts the rows shown and says so; a stopped
    /// container no rule allows reads "not allowed", not "violating".
    @Test func headerCountsWhatTheTableShows() {
        var state = F.state()
        state.table.showStopped = true
        var data = F.data()
        data.snapshot.containers[6].state = "exited"  // debug-shell, pending until it stopped
        data.enforcer.pending = []
        let screen = Self.render(data, state, width: 120, height: 40)
        let lines = Self.lines(screen)
        #expect(
            lines[0].contains("all 10  running 8  allowed 6  violating 2  pending 0  not allowed 2"), "\(lines[0])")
        let shell = lines.first { $0.contains("debug-shell") } ?? ""
        #expect(shell.hasPrefix(" ○   debug-shell") && shell.hasSuffix("not allowed"), "\(shell)")
        let plain = Self.lines(Self.render(data, F.state(), width: 120, height: 40))[0]
        #expect(plain.contains("running 8  allowed 6  violating 2  pending 0") && !plain.contains("all "))
    }
}

func format4(_ value: Int) -> String {
    let digits = String(value)
    return String(repeating: "0", count: max(4 - digits.count, 0)) + digits
}

extension DashboardRendererTests {
    /// Issue 13 item 16: at 40×10 nothing of the table shows beside a dialog (a row cut with `…`
    /// used to end just outside its right border).
    @Test func narrowDialogLeavesNoScrapBesideIt() {
        var state = F.state(.dialog(Dialog(.approve(F.pendingTarget(6), action: "kill"))))
        state.table.showStopped = true
        var data = F.data()
        data.snapshot.containers[6].state = "exited"
        data.snapshot.containers[6].finishedAt = "2026-11-25T22:59:00Z"
        let screen = Self.render(data, state, width: 40, height: 10)
        for line in Self.lines(screen) where line.contains("│") || line.contains("┌") || line.contains("└") {
            let characters = Array(line)
            let first = characters.firstIndex { "│┌└".contains($0) }!
            let last = characters.lastIndex { "│┐┘".contains($0) }!
            #expect(characters[..<first].allSatisfy { $0 == " " }, "\(line)")
            #expect(characters[(last + 1)...].allSatisfy { $0 == " " }, "\(line)")
        }
    }
}
