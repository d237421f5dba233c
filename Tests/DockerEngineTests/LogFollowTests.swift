import Foundation
import TestSupport
import Testing

@testable import DockerEngine

/// A followed log never holds more than its limit for a reader that is behind: the oldest lines
/// go, counted, and the newest are what the reader gets.
@Suite("following a log: bounded for a slow reader")
struct LogFollowTests {
    static func lines(_ range: ClosedRange<Int>) -> [LogLine] {
        range.map { LogLine(stream: .stdout, bytes: Array("\($0)".utf8)) }
    }

    @Test("waiting lines beyond the limit are dropped oldest first and counted; a take empties it")
    func pendingLimit() {
        let pending = PendingLogLines(limit: 5)
        #expect(pending.take() == nil)
        pending.add(Self.lines(1...3))
        pending.add(Self.lines(4...9))
        #expect(pending.waiting == (lines: 5, skipped: 4))
        #expect(pending.take() == LogBatch(lines: Self.lines(5...9), skippedBefore: 4))
        #expect(pending.take() == nil)
        pending.add(Self.lines(10...10))
        #expect(pending.take() == LogBatch(lines: Self.lines(10...10)))
    }

    @Test(
        "a reader that waits while 20,000 lines come gets the newest 1,000 and the count of the rest",
        .enabled(if: TestEngine.isAvailable, "needs scripts/test's private engine"), .timeLimit(.minutes(3)))
    func slowReaderAgainstTheEngine() async throws {
        let client = try TestEngine.client()
        let name = TestEngine.uniqueName("flood")
        defer { TestEngine.forceRemove([name]) }
        let id = try await TestEngine.docker(
            [
                "run", "-d", "--name", name, "--network", "none", "busybox:local", "sh", "-c",
                "seq 1 20000; echo done; sleep 3600",
            ])
        // A tail longer than the output: every line, whether written before the request or after.
        let stream = try await client.followLogs(
            id, tail: 100_000, tty: false, timestamps: false, keepingAtMost: 1_000)
        // Not read yet: the client has all 20,001 lines from the engine once the count says so.
        let arrived = await eventually(timeout: .seconds(120)) {
            let waiting = stream.pending.waiting
            return waiting.lines + waiting.skipped == 20_001
        }
        #expect(arrived != nil, "waiting: \(stream.pending.waiting)")
        #expect(stream.pending.waiting.lines == 1_000)

        var iterator = stream.makeAsyncIterator()
        let batch = try #require(try await iterator.next())
        #expect(batch.skippedBefore == 19_001)
        #expect(
            batch.lines.map { String(decoding: $0.bytes, as: UTF8.self) } == (19_002...20_000).map(String.init) + [
                "done"
            ])
    }
}
