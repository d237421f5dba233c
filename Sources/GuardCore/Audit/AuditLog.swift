import Dispatch
import Foundation
import Glibc
import Logging

/// Appends audit records as JSON lines. Each record is one `write` on a descriptor opened with
/// `O_APPEND`, so lines from concurrent writers never interleave; past `maxBytes` the file is
/// renamed to `<path>.1` (replacing the previous one) and a new file begun.
///
/// Lines are encoded and written on a serial queue of their own, never on the caller's thread
/// or the cooperative pool: a write to a file can stall for milliseconds (writeback, the
/// journal), and the authorization plugin must not wait on a disk.
public final class AuditLog: @unchecked Sendable {
    // @unchecked: every `var` below is touched on `queue` only.
    public let path: String
    public let maxBytes: Int
    private var descriptor: Int32 = -1
    private var size = 0
    private let logger: Logger
    private let encoder: JSONEncoder
    private let queue = DispatchQueue(label: "dockerguard.audit")
    /// The newest records in memory, for the dashboard's timeline (the file is the durable copy).
    public let timeline: DecisionTimeline

    public init(path: String, maxBytes: Int = 10 << 20, timeline: DecisionTimeline = DecisionTimeline(), logger: Logger)
    {
        self.timeline = timeline
        self.path = path
        self.maxBytes = maxBytes
        self.logger = logger
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    }

    /// Writes one record and returns once it is written. A failure to write is logged, never
    /// thrown: the guard keeps guarding.
    public func append(_ record: AuditRecord) async {
        await withCheckedContinuation { (written: CheckedContinuation<Void, Never>) in
            queue.async {
                self.write(record)
                written.resume()
            }
        }
    }

    /// Queues one record and returns at once, for callers that must not wait (the plugin's answers).
    public func enqueue(_ record: AuditRecord) {
        queue.async { self.write(record) }
    }

    private func write(_ record: AuditRecord) {
        timeline.append(record)
        guard var line = try? encoder.encode(record) else { return }
        line.append(UInt8(ascii: "\n"))
        do {
            if descriptor < 0 { try open() }
            if size > 0, size + line.count > maxBytes { try rotate() }
            let written = line.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            guard written == line.count else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
            size += line.count
        } catch {
            logger.error("cannot write the audit log", metadata: ["path": "\(path)", "error": "\(error)"])
        }
    }

    private func open() throws {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        descriptor = Glibc.open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o640)
        guard descriptor >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        var info = stat()
        size = fstat(descriptor, &info) == 0 ? Int(info.st_size) : 0
    }

    private func rotate() throws {
        close(descriptor)
        descriptor = -1
        if rename(path, path + ".1") != 0 { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        try open()
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }
}
