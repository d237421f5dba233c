import Foundation
import GuardCore
import TestSupport
import Testing

@Suite("Audit log and self detection")
struct AuditAndSelfTests {
    func record(_ index: Int) -> AuditRecord {
        AuditRecord(
            time: "2026-11-25T10:00:00Z", containerID: String(repeating: "a", count: 64), containerName: "/web\(index)",
            image: "busybox:local", event: "start", verdict: "violating", rule: nil, mode: "enforce", action: "kill",
            result: "done")
    }

    @Test("records are JSON lines with every field, null when absent; the file rotates past its size")
    func auditLog() async throws {
        let directory = NSTemporaryDirectory() + "audit-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/nested/audit.jsonl"
        let log = AuditLog(path: path, maxBytes: 1000, logger: .quiet)
        for index in 0..<20 { await log.append(record(index)) }

        let current = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        let rotated = try String(contentsOfFile: path + ".1", encoding: .utf8).split(separator: "\n")
        #expect(!current.isEmpty && !rotated.isEmpty)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)).count <= 1000)
        let first = try #require(try JSONSerialization.jsonObject(with: Data(current[0].utf8)) as? [String: Any])
        for key in [
            "time", "container_id", "container_name", "image", "event", "verdict", "rule", "mode", "action", "result",
            "error",
        ] {
            #expect(first.keys.contains(key), "missing \(key)")
        }
        #expect(first["error"] is NSNull)
        // The newest record is the last line of the current file.
        #expect(current.last?.contains("/web19") == true)
    }
}
