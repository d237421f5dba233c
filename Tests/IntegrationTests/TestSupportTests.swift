import Foundation
import TestSupport
import Testing

/// The harness itself: a command that outlives its timeout is killed, and the report says what its
/// threads were doing (a guard that hung once left nothing to go on).
@Suite("test support: a hung command's report")
struct TestSupportTests {
    @Test("a command past its timeout is killed; the report names its threads and, with gdb, their stacks")
    func hungCommandReport() async throws {
        let result = try await Subprocess.run("/bin/sleep", ["30"], timeout: .seconds(1))
        #expect(result.status == 128 + SIGKILL)
        #expect(result.stderr.contains("killed after"))
        #expect(result.stderr.contains("threads of"), "\(result.stderr)")
        #expect(result.stderr.contains(" sleep "), "\(result.stderr)")
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/gdb") {
            #expect(result.stderr.contains("#0 "), "gdb's backtrace: \(result.stderr)")
        }
    }
}
