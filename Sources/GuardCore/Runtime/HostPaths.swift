import DockerEngine
import Synchronization

/// Host paths as the profile compares them.
enum HostPaths {
    /// Paths whose bind mount gives a container the host (CIS Docker Benchmark 5.5 and 5.31): a
    /// mount of one of them, of anything inside one (but `/`), or of a folder above one is sensitive.
    static let sensitive = [
        "/", "/etc", "/proc", "/sys", "/boot", "/dev", "/root", "/var/lib/docker", "/var/run/docker.sock",
        "/run/docker.sock", "/run/containerd", "/var/run/containerd",
    ]

    /// The Docker socket's usual paths, for CIS 5.31's own item.
    static let usualDockerSockets: Set<String> = ["/var/run/docker.sock", "/run/docker.sock"]

    /// The socket of the engine this process guards, wherever it is (a private engine, Podman's,
    /// a rootless one): its mount gives a container that engine, as the usual paths do (the
    /// eighth trial mounted the demo engine's `/tmp/…/docker.sock` and was allowed).
    private static let engineSockets = Mutex<[String]>([])

    /// Counts the socket at `path` as the engine's, from now on, for every judgement.
    static func addEngineSocket(_ path: String) {
        let path = normalized(path)
        engineSockets.withLock { if !$0.contains(path) { $0.append(path) } }
    }

    /// One of the usual paths or the guarded engine's.
    static func isDockerSocket(_ path: String) -> Bool {
        usualDockerSockets.contains(path) || engineSockets.withLock { $0.contains(path) }
    }

    /// `path` with `.`, `..`, repeated and trailing slashes resolved as text (symbolic links on
    /// the host are not followed: the guard may not see the host's filesystem).
    static func normalized(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if !parts.isEmpty { parts.removeLast() }
                continue
            }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }

    /// The sensitive path that `source` (normalised) exposes, if any.
    static func sensitivePath(exposedBy source: String) -> String? {
        sensitive.first { exposes(source, $0) } ?? engineSockets.withLock { $0.first { exposes(source, $0) } }
    }

    /// Whether a mount of `source` is `path`, inside it (but `/`), or a folder above it.
    private static func exposes(_ source: String, _ path: String) -> Bool {
        if source == path { return true }
        if path == "/" { return false }
        return source.hasPrefix(path + "/") || source == "/" || path.hasPrefix(source + "/")
    }
}

extension SecurityProfile {
    /// Counts the guarded engine's socket, when it is a local one: a bind mount of it is
    /// sensitive under baseline and restricted (CIS 5.31), as `/var/run/docker.sock` is.
    public static func countEngineSocket(of endpoint: EngineEndpoint) {
        if case .unix(let path) = endpoint { HostPaths.addEngineSocket(path) }
    }
}
