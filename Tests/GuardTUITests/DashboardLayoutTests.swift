import GuardCore
import GuardTUI
import Testing

@Suite struct DashboardLayoutTests {
    @Test(arguments: [(40, 10, 6), (80, 24, 20), (120, 40, 36)])
    func tableRowsFillTheBody(width: Int, height: Int, rows: Int) {
        let layout = DashboardLayout(width: width, height: height, overlay: .none)
        #expect(!layout.tooSmall)
        #expect(layout.header.rows == 0..<1)
        #expect(layout.statusBar.rows == (height - 2)..<height)
        #expect(layout.table == layout.body)
        #expect(layout.tableRows == rows)
        #expect(layout.editorRows == 0)
    }

    /// The editor takes the top of the body; the table keeps about 40%, at least titles and a row.
    @Test(arguments: [(40, 10, 3, 1), (80, 24, 11, 7), (120, 40, 21, 13)])
    func editorSplitsTheBody(width: Int, height: Int, editorRows: Int, tableRows: Int) throws {
        let layout = DashboardLayout(
            width: width, height: height, overlay: .editor(AllowListEditor(text: "", path: "a")))
        let editor = try #require(layout.editor)
        #expect(editor.top == 1)
        #expect(editor.bottom == layout.table.top)
        #expect(layout.table.bottom == layout.statusBar.top)
        #expect(layout.editorRows == editorRows)
        #expect(layout.tableRows == tableRows)
    }

    @Test func detailTakesTheLowerHalfOrAllWhenShort() throws {
        let tall = DashboardLayout(width: 80, height: 24, overlay: .detail)
        let detail = try #require(tall.detail)
        #expect(tall.table.rows == 1..<11)
        #expect(detail.rows == 11..<22)
        #expect(tall.tableRows == 9)

        let short = DashboardLayout(width: 80, height: 15, overlay: .detail)
        #expect(short.detail == short.body)
        #expect(short.tableRows == 0)
    }

    @Test(arguments: [(39, 10), (40, 9), (0, 0)])
    func belowFortyByTenIsTooSmall(width: Int, height: Int) {
        let layout = DashboardLayout(width: width, height: height, overlay: .none)
        #expect(layout.tooSmall)
        #expect(layout.tableRows == 0)
    }

    @Test func overlaysOverTheTableKeepItsSize() {
        for overlay in [
            Overlay.help, .filter(LineEditor("x")), .dialog(Dialog(.mode(current: .confirm, action: "kill"))),
        ] {
            #expect(DashboardLayout(width: 80, height: 24, overlay: overlay).tableRows == 20)
        }
    }
}
