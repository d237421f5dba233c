import Foundation
import Glibc

/// Writes an executable script that the test then runs. The file is opened close-on-exec: a child
/// that another test spawns while it is open for writing would otherwise keep that descriptor, and
/// exec of the script then fails with ETXTBSY ("Text file busy"), as CI saw twice.
public func writeExecutable(_ text: String, to path: String) throws {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
    guard fd >= 0 else { throw TestFailure("cannot write \(path): \(String(cString: strerror(errno)))") }
    defer { close(fd) }
    let bytes = Array(text.utf8)
    guard write(fd, bytes, bytes.count) == bytes.count else {
        throw TestFailure("cannot write \(path): \(String(cString: strerror(errno)))")
    }
    fchmod(fd, 0o755)
}
