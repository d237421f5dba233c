import Foundation
import GuardTUI
import Testing

/// Golden files: a screen's text (what one sees with colour off) and its roles, one letter per
/// cell (what the theme colours). `DOCKERGUARD_UPDATE_GOLDEN=1` rewrites them in the source tree.
enum GoldenFile {
    static let letters: [Role: Character] = [
        .normal: ".", .header: "H", .columnHeader: "C", .selection: "S", .allowed: "a", .violating: "v",
        .pending: "p", .preview: "P", .muted: "m", .statusBar: "B", .dialog: "D", .dialogTitle: "T", .error: "E",
        .cursor: "K",
    ]

    /// The roles file's first line.
    static let legend = Role.allCases.map { "\(letters[$0]!) \($0.rawValue)" }.joined(separator: "  ")

    static func text(_ screen: Screen) -> String {
        screen.text + "\n"
    }

    static func roles(_ screen: Screen) -> String {
        let rows = (0..<screen.height).map { row in String(screen.row(row).map { letters[$0.role]! }) }
        return ([legend] + rows).joined(separator: "\n") + "\n"
    }

    static var updating: Bool {
        ProcessInfo.processInfo.environment["DOCKERGUARD_UPDATE_GOLDEN"] == "1"
    }

    /// Where goldens are written: the source tree, next to this file.
    static func sourceDirectory(filePath: String = #filePath) -> URL {
        URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    }

    /// Where goldens are read: the copy in the test bundle.
    static func bundled(_ name: String) -> String? {
        guard let directory = Bundle.module.url(forResource: "Golden", withExtension: nil) else { return nil }
        return try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }

    static func write(_ contents: String, name: String) throws {
        try contents.write(to: sourceDirectory().appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    /// Nil when equal; else where they first differ, both lines shown.
    static func difference(expected: String, actual: String) -> String? {
        guard expected != actual else { return nil }
        let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let got = actual.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(want.count, got.count) {
            let expectedLine = index < want.count ? String(want[index]) : "<end of file>"
            let actualLine = index < got.count ? String(got[index]) : "<end of file>"
            if expectedLine != actualLine {
                return "first difference at line \(index + 1):\nexpected: |\(expectedLine)|\nactual:   |\(actualLine)|"
            }
        }
        return "the files differ only in line endings"
    }

    /// Checks `screen`'s text and roles against the golden files `name.txt` and `name.roles.txt`
    /// (rewrites them instead when updating).
    static func check(_ screen: Screen, name: String) throws {
        for (file, actual) in [("\(name).txt", text(screen)), ("\(name).roles.txt", roles(screen))] {
            if updating {
                try write(actual, name: file)
                continue
            }
            guard let expected = bundled(file) else {
                Issue.record("no golden \(file): run DOCKERGUARD_UPDATE_GOLDEN=1 swift test --filter GuardTUITests")
                continue
            }
            if let difference = difference(expected: expected, actual: actual) {
                Issue.record("\(file): \(difference)")
            }
        }
    }
}
