import Foundation
import TestSupport
import Testing

/// `--help` reads as prose: lines break where the width makes them, never mid-sentence.
extension CommandsTests {
    static let helpCommands: [[String]] = [
        [], ["run"], ["check"], ["snapshot"], ["authz"], ["authz", "status"],
    ]

    /// Lines of one paragraph (same indentation) where the next line's first word would still have
    /// fitted: a break the text made, not the width. Not prose: a table row (a name, then a gap of
    /// spaces), an option (`-`), a heading (`…:`) and a command line (`$ …`). ArgumentParser keeps a
    /// column or two free at the right, hence the margin.
    static func earlyBreaks(_ help: String, width: Int) -> [String] {
        let lines = help.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var found: [String] = []
        for (line, next) in zip(lines, lines.dropFirst()) {
            let indent = line.prefix { $0 == " " }.count
            let nextIndent = next.prefix { $0 == " " }.count
            let nextText = next.dropFirst(nextIndent)
            let text = line.dropFirst(indent)
            guard !text.isEmpty, !nextText.isEmpty, indent == nextIndent, !nextText.hasPrefix("-"),
                !line.hasSuffix(":"), !text.contains("  "), !text.hasPrefix("$ ")
            else { continue }
            let firstWord = nextText.prefix { $0 != " " }
            if line.count + 1 + firstWord.count <= width - 2 { found.append("\(line)⏎\(next)") }
        }
        return found
    }

    @Test("--help wraps only at the width, and names the log levels once", arguments: [80, 120])
    func helpWrapsAtTheWidth(width: Int) async throws {
        let home = try temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        for command in Self.helpCommands {
            let result = try await Subprocess.run(
                "/usr/bin/env",
                ["COLUMNS=\(width)", "HOME=\(home)", DockerGuardProcess.binaryPath] + command + ["--help"])
            #expect(result.status == 0, "\(command): \(result.stderr)")
            let breaks = Self.earlyBreaks(result.stdout, width: width)
            #expect(
                breaks.isEmpty,
                "dockerguard \(command.joined(separator: " ")) --help:\n\(breaks.joined(separator: "\n"))")
            // (ArgumentParser never breaks the USAGE line.)
            #expect(result.stdout.split(separator: "\n").allSatisfy { $0.count <= width || $0.hasPrefix("USAGE:") })
            if command == ["run"] {
                #expect(result.stdout.components(separatedBy: "critical").count == 2, "\(result.stdout)")
            }
        }
    }

    @Test("the dashboard's --help wraps only at the width")
    func dashboardHelpWrapsAtTheWidth() async throws {
        let result = try await Subprocess.run("/usr/bin/env", ["COLUMNS=80", DashboardProcess.binaryPath, "--help"])
        #expect(result.status == 0, "\(result.stderr)")
        let breaks = Self.earlyBreaks(result.stdout, width: 80)
        #expect(breaks.isEmpty, "\(breaks.joined(separator: "\n"))")
        #expect(result.stdout.components(separatedBy: "critical").count <= 2)
    }
}
