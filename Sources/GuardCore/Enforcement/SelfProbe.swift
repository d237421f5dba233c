import Foundation

/// What the guard's process can see of the container it may run in, read before the engine is
/// asked: the root filesystem's overlay upper directory (the one fact that names its own
/// container in every network mode) and the IDs that mountinfo and cgroup suggest (hints only:
/// with `--network container:X` the engine bind-mounts `/etc/hosts` and friends from X's folder).
public struct SelfProbe: Sendable, Equatable {
    /// The `upperdir=` of the overlay mounted on `/`; nil when `/` is not an overlay.
    public var rootUpperDir: String?
    /// Container IDs that may be the guard's own, most trustworthy first (cgroup, then mountinfo).
    public var hints: [String]

    public init(rootUpperDir: String?, hints: [String]) {
        self.rootUpperDir = rootUpperDir
        self.hints = hints
    }

    /// What the start-up log says before the engine is asked.
    public var startSummary: String {
        rootUpperDir == nil && hints.isEmpty ? "not in a container" : "matched against the engine at the first sync"
    }

    /// Reads `/proc/self/mountinfo` and `/proc/self/cgroup`.
    public static func read(
        mountinfo: String? = try? String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8),
        cgroup: String? = try? String(contentsOfFile: "/proc/self/cgroup", encoding: .utf8)
    ) -> SelfProbe {
        let mounts = (mountinfo ?? "").split(separator: "\n").compactMap(MountInfoLine.init)
        var hints: [String] = []
        for line in (cgroup ?? "").split(separator: "\n") {
            // v1 `4:memory:/docker/<id>` or a custom cgroup parent `/<parent>/<id>`; systemd `docker-<id>.scope`.
            let path = line.split(separator: ":", maxSplits: 2).last ?? ""
            for component in path.split(separator: "/") {
                let name = component.hasPrefix("docker-") ? component.dropFirst("docker-".count) : component[...]
                let id = name.hasSuffix(".scope") ? name.dropLast(".scope".count) : name
                if SelfProbe.isContainerID(id), !hints.contains(String(id)) { hints.append(String(id)) }
            }
        }
        for mount in mounts where ["/etc/hostname", "/etc/hosts", "/etc/resolv.conf"].contains(mount.mountPoint) {
            if let id = firstID(in: mount.root, after: "/containers/"), !hints.contains(id) { hints.append(id) }
        }
        let root = mounts.last { $0.mountPoint == "/" }
        let upper = root.flatMap { $0.fileSystem == "overlay" ? $0.superOption("upperdir") : nil }
        return SelfProbe(rootUpperDir: upper, hints: hints)
    }

    /// The first 64-hex run that directly follows `marker`.
    static func firstID(in text: String, after marker: String) -> String? {
        var rest = Substring(text)
        while let range = rest.range(of: marker) {
            let candidate = rest[range.upperBound...].prefix(64)
            if isContainerID(candidate) { return String(candidate) }
            rest = rest[range.upperBound...]
        }
        return nil
    }

    static func isContainerID(_ text: Substring) -> Bool {
        text.count == 64 && text.allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }
}

/// One line of `/proc/self/mountinfo`:
/// `ID PARENT MAJ:MIN ROOT MOUNT-POINT OPTIONS [OPTIONAL…] - FSTYPE SOURCE SUPER-OPTIONS`.
struct MountInfoLine: Equatable {
    var root: String
    var mountPoint: String
    var fileSystem: String
    var superOptions: String

    init?(_ line: Substring) {
        let fields = line.split(separator: " ", omittingEmptySubsequences: true)
        guard fields.count >= 10, let dash = fields.firstIndex(of: "-"), dash >= 6, fields.count > dash + 3 else {
            return nil
        }
        root = Self.unescape(fields[3])
        mountPoint = Self.unescape(fields[4])
        fileSystem = String(fields[dash + 1])
        superOptions = String(fields[dash + 3])
    }

    /// The value of `key=` among the super options, unescaped.
    func superOption(_ key: String) -> String? {
        for option in superOptions.split(separator: ",") where option.hasPrefix(key + "=") {
            return Self.unescape(option.dropFirst(key.count + 1))
        }
        return nil
    }

    /// The kernel writes space, tab, newline and backslash in paths as `\040`, `\011`, `\012`, `\134`.
    static func unescape(_ text: Substring) -> String {
        guard text.contains("\\") else { return String(text) }
        var bytes: [UInt8] = []
        var rest = Array(text.utf8)[...]
        while let byte = rest.first {
            if byte == UInt8(ascii: "\\"), rest.count >= 4,
                let value = UInt8(String(decoding: rest.dropFirst().prefix(3), as: UTF8.self), radix: 8)
            {
                bytes.append(value)
                rest = rest.dropFirst(4)
            } else {
                bytes.append(byte)
                rest = rest.dropFirst()
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
