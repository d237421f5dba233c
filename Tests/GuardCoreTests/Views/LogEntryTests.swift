import DockerEngine
import Testing

@testable import GuardCore

@Suite("LogEntry: what a container printed, safe to draw")
struct LogEntryTests {
    @Test("the engine's timestamp apart from the text; stderr kept")
    func timestamp() {
        let line = LogLine(stream: .stderr, bytes: Array("2026-12-02T04:20:00.841479112Z boom: it failed".utf8))
        let entry = LogEntry(line, timestamped: true)
        #expect(entry.time == "2026-12-02T04:20:00.841479112Z" && entry.text == "boom: it failed" && entry.isStderr)
        #expect(LogEntry(line, timestamped: false).time == nil)
    }

    @Test("invalid UTF-8, escapes, controls and tabs never reach the screen as such")
    func displayable() {
        let bytes: [UInt8] =
            Array("\u{1B}[31mred\u{1B}[0m\tx".utf8) + [0xFF, 0xC3] + Array("\u{7}\u{8}ok\r".utf8)
            + Array("\u{1B}]0;title\u{7}end".utf8)
        let text = LogEntry(LogLine(stream: .stdout, bytes: bytes), timestamped: false).text
        #expect(text == "red     x\u{FFFD}\u{FFFD}??okend")
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F })
        // Binary: anything at all comes out as printable text.
        let binary = (0...255).map { UInt8($0) }
        let shown = LogEntry(LogLine(stream: .stdout, bytes: binary), timestamped: false).text
        #expect(!shown.unicodeScalars.contains { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) })
    }
}
