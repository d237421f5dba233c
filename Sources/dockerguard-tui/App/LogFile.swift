import Foundation
import GuardRuntime
import Logging
import Synchronization

/// The dashboard owns the terminal, so logs go to a file: standard error is pointed at it, which
/// also catches anything a library prints there.
enum LogFile {
    /// The terminal's standard error, kept to print a fatal error where the operator sees it.
    private static let savedStandardError = Atomic<Int32>(-1)

    /// Points standard error back at the terminal (after the dashboard has closed).
    static func restoreStandardError() {
        let saved = savedStandardError.exchange(-1, ordering: .relaxed)
        if saved >= 0 {
            dup2(saved, 2)
            close(saved)
        }
    }

    static func bootstrap(path: String, level: Logger.Level) throws -> Logger {
        let directory = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw CommandFailure.fail("cannot open the log file \(path): \(String(cString: strerror(errno)))")
        }
        savedStandardError.store(dup(2), ordering: .relaxed)
        dup2(fd, 2)
        close(fd)
        LoggingSystem.bootstrap { label in
            var handler = SingleLineLogHandler(inner: StreamLogHandler.standardError(label: label))
            handler.logLevel = level
            return handler
        }
        return Logger(label: "dockerguard-tui")
    }
}
