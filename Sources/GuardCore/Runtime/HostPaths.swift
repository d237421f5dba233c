/// Host paths as the profile compares them.
enum HostPaths {
    /// Paths whose bind mount gives a container the host (CIS Docker Benchmark 5.5 and 5.31): a
    /// mount of one of them, of anything inside one (but `/`), or of a folder above one is sensitive.
    static let sensitive = [
        "/", "/etc", "/proc", "/sys", "/boot", "/dev", "/root", "/var/lib/docker", "/var/run/docker.sock",
        "/run/docker.sock", "/run/containerd", "/var/run/containerd",
    ]

    /// The Docker socket's usual paths, for CIS 5.31's own item.
    static let dockerSockets: Set<String> = ["/var/run/docker.sock", "/run/docker.sock"]

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
        for path in sensitive {
            if source == path { return path }
            if path == "/" { continue }
            if source.hasPrefix(path + "/") { return path }
            if source == "/" || path.hasPrefix(source + "/") { return path }
        }
        return nil
    }
}
