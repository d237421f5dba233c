import Foundation
import Testing

@testable import GuardCore

@Suite("Allow-list file")
struct AllowListFileTests {
    /// A fresh directory, removed when the test is done.
    final class ScratchDirectory {
        let path: String

        init() throws {
            path = NSTemporaryDirectory() + "dg-policy-" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }

        deinit { try? FileManager.default.removeItem(atPath: path) }

        func file(_ name: String) -> String { path + "/" + name }
        func entries() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: path).sorted() }
    }

    private func contents(_ path: String) throws -> String {
        try String(contentsOfFile: path, encoding: .utf8)
    }

    private func status(_ path: String) throws -> stat {
        var info = stat()
        guard stat(path, &info) == 0 else { throw AllowListFileError(path: path, message: "stat", code: errno) }
        return info
    }

    @Test("saving creates the file with the text")
    func createsFile() throws {
        let directory = try ScratchDirectory()
        let target = directory.file("allowlist")
        try AllowListFile.save("name=web-*\n", to: target)
        #expect(try contents(target) == "name=web-*\n")
        #expect(try directory.entries() == ["allowlist"])
    }

    @Test("saving replaces the file by rename: old readers keep the old file, no temp file stays")
    func replacesAtomically() throws {
        let directory = try ScratchDirectory()
        let target = directory.file("allowlist")
        try AllowListFile.save("name=old\n", to: target)
        let before = try status(target)

        // A reader that opened the file before the save keeps seeing the old content:
        // the new text went to another inode, renamed over the name.
        let reader = open(target, O_RDONLY)
        #expect(reader >= 0)
        defer { close(reader) }

        try AllowListFile.save("name=new\n", to: target)
        let after = try status(target)
        #expect(after.st_ino != before.st_ino)
        #expect(try contents(target) == "name=new\n")
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = read(reader, &buffer, buffer.count)
        #expect(String(decoding: buffer.prefix(max(count, 0)), as: UTF8.self) == "name=old\n")
        #expect(try directory.entries() == ["allowlist"])
    }

    @Test("saving keeps the mode of the existing file", arguments: [0o600, 0o640, 0o444] as [mode_t])
    func keepsMode(_ mode: mode_t) throws {
        let directory = try ScratchDirectory()
        let target = directory.file("allowlist")
        try AllowListFile.save("name=a\n", to: target)
        #expect(chmod(target, mode) == 0)
        try AllowListFile.save("name=b\n", to: target)
        #expect(try status(target).st_mode & 0o7777 == mode)
        #expect(try contents(target) == "name=b\n")
    }

    @Test("saving through a symbolic link replaces the file it points to and keeps the link")
    func followsSymlink() throws {
        let directory = try ScratchDirectory()
        let real = directory.file("real")
        let link = directory.file("link")
        try AllowListFile.save("name=a\n", to: real)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: real)
        try AllowListFile.save("name=b\n", to: link)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == real)
        #expect(try contents(real) == "name=b\n")
        #expect(try directory.entries() == ["link", "real"])
    }

    @Test("a failed save leaves the target alone and no temp file behind")
    func failedSave() throws {
        let directory = try ScratchDirectory()
        let target = directory.file("taken")
        try FileManager.default.createDirectory(atPath: target + "/inside", withIntermediateDirectories: true)
        #expect(throws: AllowListFileError.self) { try AllowListFile.save("name=a\n", to: target) }
        #expect(try directory.entries() == ["taken"])
        #expect(throws: AllowListFileError.self) {
            try AllowListFile.save("x", to: directory.file("missing/allowlist"))
        }
    }

    @Test("reading returns the bytes and refuses files over the limit")
    func reading() throws {
        let directory = try ScratchDirectory()
        let target = directory.file("allowlist")
        try AllowListFile.save("name=a\n", to: target)
        #expect(try AllowListFile.read(path: target, maxBytes: 100) == Array("name=a\n".utf8))
        #expect(
            throws: AllowListFileError(
                path: target, message: "file is 7 bytes, more than the limit of 3 bytes; an allow-list should be small",
                code: nil
            )
        ) { try AllowListFile.read(path: target, maxBytes: 3) }
        let missing = directory.file("missing")
        let error = try #require(throws: AllowListFileError.self) { try AllowListFile.read(path: missing) }
        #expect(error.code == ENOENT)
        #expect(error.description == "\(missing): cannot open: No such file or directory")
    }

    @Test("loading reads and parses, and reports file problems like parse errors")
    func load() throws {
        let directory = try ScratchDirectory()
        let target = directory.file("allowlist")
        try AllowListFile.save("name=a\nbogus\n", to: target)
        let errors = try #require(AllowList.load(path: target).allowListErrors)
        #expect(errors.description == "\(target):2:1: unknown key 'bogus' (\(RuleKey.expected))")

        try AllowListFile.save("name=a\n", to: target)
        #expect(try AllowList.load(path: target).get().rules.first?.location == "\(target):1")

        let missing = try #require(AllowList.load(path: directory.file("none")).allowListErrors)
        #expect(missing.errors.map(\.line) == [0])
        #expect(missing.description.hasSuffix("cannot open: No such file or directory"))
    }
}
