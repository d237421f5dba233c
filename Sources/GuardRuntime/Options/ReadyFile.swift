import Foundation
import Logging

/// `--ready-file PATH`: once the HTTP API listens, a small JSON file says where, so scripts and
/// tests need not read the log: `{"listen":"127.0.0.1:PORT","pid":N}`. Written atomically (a
/// temp file renamed over the path): a reader sees the whole file or none.
public enum ReadyFile {
    struct Contents: Codable, Equatable {
        var listen: String
        var pid: Int32
    }

    /// Writes the file; a failure is logged, never fatal (the guard runs on without it).
    public static func write(to path: String, listen: String, logger: Logger) {
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let data = try encoder.encode(Contents(listen: listen, pid: getpid()))
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            logger.error("could not write the ready file", metadata: ["path": "\(path)", "error": "\(error)"])
        }
    }
}
