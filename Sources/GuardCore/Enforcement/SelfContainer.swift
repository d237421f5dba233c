import Foundation

/// Finds the ID of the container dockerguard itself runs in, so that it never acts on it whatever
/// the allow-list says. Outside a container there is none.
public enum SelfContainer {
    /// Looks in `/proc/self/mountinfo` (the engine bind-mounts `/etc/hostname` and friends from
    /// `…/containers/<id>/`, on cgroup v1 and v2 alike), then in `/proc/self/cgroup` (v1:
    /// `/docker/<id>`, systemd driver: `docker-<id>.scope`).
    public static func detectID(
        mountinfo: String? = try? String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8),
        cgroup: String? = try? String(contentsOfFile: "/proc/self/cgroup", encoding: .utf8)
    ) -> String? {
        if let mountinfo, let id = firstID(in: mountinfo, after: "/containers/") { return id }
        if let cgroup {
            if let id = firstID(in: cgroup, after: "/docker/") { return id }
            if let id = firstID(in: cgroup, after: "docker-") { return id }
        }
        return nil
    }

    /// The first 64-hex run that directly follows `marker`.
    static func firstID(in text: String, after marker: String) -> String? {
        var rest = Substring(text)
        while let range = rest.range(of: marker) {
            let candidate = rest[range.upperBound...].prefix(64)
            if candidate.count == 64, candidate.allSatisfy(\.isHexDigit) { return String(candidate) }
            rest = rest[range.upperBound...]
        }
        return nil
    }
}
