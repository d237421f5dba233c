import Foundation
import GuardCore
import GuardTUI
import Testing

@Suite struct AllowListSaverTests {
    let directory: String
    let path: String

    init() throws {
        directory = NSTemporaryDirectory() + "dg-saver-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        path = directory + "/allowlist"
        try "# keep me\nname=web-*\n".write(toFile: path, atomically: true, encoding: .utf8)
    }

    func disk() throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    @Test func appendKeepsCommentsAndAppliesAtOnce() throws {
        let applied = LockedBox<AllowList?>(nil)
        let saver = AllowListSaver(path: path) { applied.set($0) }
        let event = saver.perform(.appendRule("name=db"))
        #expect(
            event
                == .saved(
                    description: "added 'name=db'", before: "# keep me\nname=web-*\n",
                    after: "# keep me\nname=web-*\nname=db\n"))
        #expect(try disk() == "# keep me\nname=web-*\nname=db\n")
        #expect(applied.get()?.rules.count == 2)
        try? FileManager.default.removeItem(atPath: directory)
    }

    @Test func removeChecksTheLineIsStillThere() throws {
        let saver = AllowListSaver(path: path)
        #expect(saver.perform(.removeRule(line: 2, expected: "name=db")) == .conflict(disk: try disk()))
        #expect(saver.perform(.removeRule(line: 2, expected: "name=web-*")) != nil)
        #expect(try disk() == "# keep me\n")
        try? FileManager.default.removeItem(atPath: directory)
    }

    @Test func draftSaveNoticesAChangeOnDiskUnlessOverwriting() throws {
        let saver = AllowListSaver(path: path)
        let base = try disk()
        try "name=other\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(
            saver.perform(.saveDraft(text: base + "name=x\n", base: base, overwrite: false))
                == .conflict(disk: "name=other\n"))
        #expect(try disk() == "name=other\n")
        _ = saver.perform(.saveDraft(text: base + "name=x\n", base: base, overwrite: true))
        #expect(try disk() == base + "name=x\n")
        try? FileManager.default.removeItem(atPath: directory)
    }

    @Test func anInvalidListIsNeverWritten() throws {
        let saver = AllowListSaver(path: path)
        let base = try disk()
        guard case .failed(let message) = saver.perform(.saveDraft(text: "nmae=x\n", base: base, overwrite: false))
        else {
            Issue.record("saved an invalid list")
            return
        }
        #expect(message.contains(":1:1:"))
        #expect(try disk() == base)
        try? FileManager.default.removeItem(atPath: directory)
    }

    @Test func undoRestoresOnlyWhatItWrote() throws {
        let saver = AllowListSaver(path: path)
        guard case .saved(_, let before, let after) = saver.perform(.appendRule("name=db")) else {
            Issue.record("not saved")
            return
        }
        #expect(
            saver.perform(.restore(text: before, expected: after)) == .undone(description: "\(path) is back as it was"))
        #expect(try disk() == before)
        #expect(saver.perform(.restore(text: before, expected: after)) == .undoConflict)
        try? FileManager.default.removeItem(atPath: directory)
    }

    @Test func aMissingFileIsCreatedByTheFirstRule() throws {
        let saver = AllowListSaver(path: directory + "/new-list")
        #expect(saver.perform(.openEditor) == .opened(text: ""))
        _ = saver.perform(.appendRule("name=a"))
        #expect(try String(contentsOfFile: directory + "/new-list", encoding: .utf8) == "name=a\n")
        try? FileManager.default.removeItem(atPath: directory)
    }
}

/// A value the saver's callback can set from any thread.
final class LockedBox<Value: Sendable>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()
    init(_ value: Value) { self.value = value }
    func set(_ newValue: Value) { lock.withLock { value = newValue } }
    func get() -> Value { lock.withLock { value } }
}
