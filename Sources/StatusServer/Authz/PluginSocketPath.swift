import Foundation
import Glibc

/// Where the engine finds a legacy plugin: `/run/docker/plugins/NAME.sock`.
public enum PluginSocketPath {
    public static let directory = "/run/docker/plugins"

    public static func path(name: String) -> String { "\(directory)/\(name).sock" }

    public enum Problem: Error, CustomStringConvertible {
        case inUse(String)
        case notASocket(String)

        public var description: String {
            switch self {
            case .inUse(let path): "another process already serves the plugin socket \(path)"
            case .notASocket(let path): "\(path) exists and is not a socket"
            }
        }
    }

    /// Makes the socket's folder and removes a stale socket (one nobody listens on any more, as a
    /// killed plugin leaves it); a socket something still answers on is never taken over.
    public static func prepare(_ path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        // The file's own type (lstat: a link is not followed); nothing there, nothing to replace.
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return }
        guard attributes[.type] as? FileAttributeType == .typeSocket else { throw Problem.notASocket(path) }
        if answers(path) { throw Problem.inUse(path) }
        unlink(path)
    }

    /// Whether a connect to the socket succeeds.
    static func answers(_ path: String) -> Bool {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return false }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) == 0
            }
        }
    }
}
