import GuardCore
import Testing

@testable import GuardTUI

/// Nothing may spill off the screen. ``Screen`` clips, so a view that overflows would lose text
/// silently: these check that every row is exactly the screen's width and every box is closed.
@Suite struct ScreenBoundsTests {
    static let sizes = [(40, 10), (41, 11), (57, 17), (80, 24), (99, 15), (120, 40), (200, 60)]

    @Test(arguments: GoldenScene.View.allCases)
    func everyViewFitsAtEverySize(_ view: GoldenScene.View) {
        for (width, height) in Self.sizes {
            let screen = GoldenScene(view: view, width: width, height: height).render()
            Self.expectFits(screen, "\(view.rawValue) at \(width)x\(height)")
        }
    }

    /// The ASCII set is for terminals that cannot show anything else: no view may slip in a symbol.
    @Test(arguments: GoldenScene.View.allCases)
    func asciiGlyphsDrawOnlyASCII(_ view: GoldenScene.View) {
        for (width, height) in [(40, 10), (80, 24)] {
            let text = GoldenScene(view: view, width: width, height: height, ascii: true).render().text
            let other = text.unicodeScalars.filter { !$0.isASCII }.map(String.init).joined()
            #expect(other.isEmpty, "\(view.rawValue) at \(width)x\(height) draws \(other)")
        }
    }

    @Test func everyDialogFitsAtTheMinimumSize() {
        typealias F = DashboardFixtures
        let targets = (0..<9).map(F.target)
        let kinds: [Dialog.Kind] = [
            .stop(targets.prefix(2).map { $0 }, action: "stop"), .stopAllViolating(targets, action: "remove"),
            .approveAll(targets, action: "kill"), .mode(current: .audit, action: "remove"),
            .removeRule(
                line: 2, text: "name=web-* image=nginx:* label=com.example.tier=frontend",
                containers: ["web-1", "web-2"]),
            .fileChanged(draft: ""), .discardEdits(thenQuit: false),
        ]
        for kind in kinds {
            for (width, height) in [(40, 10), (80, 24)] {
                let state = F.state(.dialog(Dialog(kind)))
                var data = F.data()
                data.enforcer.readonly = true
                let screen = DashboardRenderer.render(
                    data: data, state: state, rows: state.table.rows(data), width: width, height: height, glyphs: .ascii
                )
                Self.expectFits(screen, "\(kind) at \(width)x\(height)", glyphs: .ascii)
                #expect(screen.text.contains("[y/N]") || screen.text.contains("Esc"), "\(kind): no answer keys shown")
            }
        }
    }

    @Test func stopAllListsWhatFitsThenCountsTheRest() {
        typealias F = DashboardFixtures
        let targets = (0..<9).map(F.target)
        let state = F.state(.dialog(Dialog(.stopAllViolating(targets, action: "kill"))))
        let screen = DashboardRenderer.render(
            data: F.data(), state: state, rows: [], width: 40, height: 10, glyphs: .utf8)
        #expect(screen.text.contains("web-1") && screen.text.contains("and 6 more"))
        #expect(screen.text.contains("type 9 and Enter to confirm:"))
    }

    static func expectFits(_ screen: Screen, _ what: String, glyphs: Glyphs = .utf8) {
        let lines = screen.text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == screen.height, "\(what): \(lines.count) lines")
        for (index, line) in lines.enumerated() {
            #expect(line.count == screen.width, "\(what): line \(index) is \(line.count) wide")
            // A box's corners come in pairs on a row: a missing right corner means it was clipped.
            let left = line.filter { $0 == glyphs.topLeft || $0 == glyphs.bottomLeft }.count
            let right = line.filter { $0 == glyphs.topRight || $0 == glyphs.bottomRight }.count
            #expect(left == right, "\(what): unclosed box on line \(index): \(line)")
        }
        let borders = (0..<screen.height).map { row in
            screen.row(row).filter { $0.role == .dialogTitle && $0.character == glyphs.vertical }.count
        }
        #expect(borders.allSatisfy { $0 == 0 || $0 == 2 }, "\(what): a box side is missing")
    }
}
