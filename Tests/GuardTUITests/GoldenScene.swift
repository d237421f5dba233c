import GuardCore

@testable import GuardTUI

/// One golden screen: a view of the fixture host, at a size, with a glyph set.
struct GoldenScene: Sendable, CustomStringConvertible {
    enum View: String, CaseIterable, Sendable {
        case table, tableFiltered = "table-filtered", tableEmpty = "table-empty", connecting, detail, help, filter
        case proposal, proposalEditing = "proposal-editing", dialogStop = "dialog-stop", dialogStopAll =
            "dialog-stop-all"
        case dialogMode = "dialog-mode", dialogFileChanged = "dialog-file-changed", editor, editorError =
            "editor-error"
        case editorWithDialog = "editor-with-dialog", tooSmall = "too-small"
        // Issue 13: y asks; the help scrolls; A counts stopped rows; a silent engine; a rule's note.
        case dialogApprove = "dialog-approve", helpScrolled = "help-scrolled", tableAll = "table-all"
        case tableStale = "table-stale", proposalNote = "proposal-note", dialogStopAllRetry = "dialog-stop-all-retry"
    }

    var view: View
    var width: Int
    var height: Int
    var ascii = false

    var name: String { "\(view.rawValue)\(ascii ? "-ascii" : "")-\(width)x\(height)" }
    var description: String { name }

    static let sizes = [(80, 24), (120, 40), (40, 10)]

    /// Every view at every size (too-small only below the minimum), and the table in ASCII.
    static let all: [GoldenScene] =
        View.allCases.filter { $0 != .tooSmall }.flatMap { view in
            sizes.map { GoldenScene(view: view, width: $0.0, height: $0.1) }
        }
        + [
            GoldenScene(view: .tooSmall, width: 30, height: 8),
            GoldenScene(view: .table, width: 80, height: 24, ascii: true),
        ]

    func render() -> Screen {
        let (data, state, rows) = inputs()
        return DashboardRenderer.render(
            data: data, state: state, rows: rows, width: width, height: height, glyphs: ascii ? .ascii : .utf8)
    }

    func inputs() -> (DashboardData, UIState, [ContainerRow]) {
        typealias F = DashboardFixtures
        var data = F.data()
        var state = F.state()
        switch view {
        case .table, .tooSmall: break
        case .tableFiltered:
            state.table = RowBuilder(sort: .verdict, filter: "shop", showStopped: true)
            state.message = UIState.Message("allow-list saved: line 9 added")
        case .tableEmpty: data = F.data(containers: [F.containers[9]])
        case .connecting: data = F.data(containers: [], synced: false)
        case .detail:
            state.overlay = .detail
            // Issue 13 item 14: a command that needs quoting, with ports, mounts and networks.
            data.snapshot.containers[4].command = ["sh", "-c", "trap \"exit 0\" TERM; python -m shop.worker & wait"]
            data.snapshot.containers[4].ports = ["0.0.0.0:9000->9000/tcp"]
            data.snapshot.containers[4].mounts = ["/srv/shop:/data:ro", "shop-cache:/cache"]
            data.snapshot.containers[4].networks = ["shop_default"]
        case .help: state.overlay = .help
        case .filter:
            state.table.filter = "sho"
            state.overlay = .filter(LineEditor("sho"))
        case .proposal: state.overlay = .proposal(F.proposal(editing: false))
        case .proposalEditing: state.overlay = .proposal(F.proposal(editing: true))
        case .dialogStop: state.overlay = .dialog(Dialog(.stop([F.target(4)], action: "kill")))
        case .dialogStopAll:
            var dialog = Dialog(.stopAllViolating([F.target(5), F.target(4), F.pendingTarget(6)], action: "stop"))
            dialog.typed = LineEditor("3")
            state.overlay = .dialog(dialog)
        case .dialogStopAllRetry:
            var dialog = Dialog(.stopAllViolating([F.target(5), F.target(4), F.pendingTarget(6)], action: "stop"))
            dialog.error = "typed '2', not 3: nothing was done"
            state.overlay = .dialog(dialog)
        case .dialogMode:
            state.overlay = .dialog(
                Dialog(
                    .mode(
                        current: .confirm, action: "kill", targets: [F.target(5), F.target(4), F.pendingTarget(6)])))
        case .dialogApprove: state.overlay = .dialog(Dialog(.approve(F.pendingTarget(6), action: "kill")))
        case .helpScrolled:
            state.overlay = .help
            state.helpScroll = 12
        case .tableAll:
            state.table.showStopped = true
            data.snapshot.containers[6].state = "exited"
            data.snapshot.containers[6].finishedAt = "2026-11-25T22:59:00Z"
            data.snapshot.containers[6].exitCode = 3
            data.enforcer.pending = []
        case .tableStale:
            data.snapshot.engine.connection = .reconnecting(error: "engine not answering for 12 s")
        case .proposalNote:
            var proposal = F.proposal(editing: false)
            proposal.containerID = F.workerID
            proposal.selected = 1
            proposal.note = "it also allows 1 other container: shop-migrate-1"
            state.overlay = .proposal(proposal)
        case .dialogFileChanged:
            let editor = F.editor()
            state.overlay = .editorDialog(editor, Dialog(.fileChanged(draft: editor.draftText)))
        case .editor: state.overlay = .editor(F.editor())
        case .editorError: state.overlay = .editor(F.editorWithError())
        case .editorWithDialog: state.overlay = .editorDialog(F.editor(), Dialog(.discardEdits(thenQuit: true)))
        }
        let rows = state.table.rows(data, preview: TablePreview(state))
        return (data, state, rows)
    }
}
