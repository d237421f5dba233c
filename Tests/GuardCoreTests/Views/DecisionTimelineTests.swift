import Foundation
import Logging
import Testing

@testable import GuardCore

@Suite("DecisionTimeline")
struct DecisionTimelineTests {
    static func record(_ name: String) -> AuditRecord {
        AuditRecord(
            time: "2026-12-02T04:00:00Z", containerID: name, containerName: "/" + name, image: "busybox",
            event: "start",
            verdict: "violating", rule: nil, mode: "enforce", action: "stop", result: "done", latencyMS: 12)
    }

    @Test("the audit log's records, newest first, bounded; the file gets the same ones")
    func fedByTheAuditLog() async throws {
        let path = NSTemporaryDirectory() + "dg-timeline-\(UUID().uuidString).jsonl"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let log = AuditLog(path: path, timeline: DecisionTimeline(capacity: 3), logger: Logger(label: "test"))
        for name in ["a", "b", "c", "d"] { await log.append(Self.record(name)) }
        #expect(log.timeline.entries.value.map(\.containerID) == ["d", "c", "b"])
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 4 && lines[3].contains("\"latency_ms\":12"))
    }
}
