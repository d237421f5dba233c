import Foundation

/// Where one container's CPU and memory counters live in the host's cgroup filesystem, found from
/// its main process: `/proc/PID/cgroup` names its cgroup, `/proc/self/mountinfo` where each
/// hierarchy is mounted. Only a cgroup whose path holds the container's full ID is taken, so a PID
/// from another PID namespace (the engine in a VM, dockerguard in a container of its own) finds
/// nothing rather than another process's figures.
struct CgroupFiles: Sendable, Hashable {
    enum Layout: Sendable, Hashable {
        /// cgroup v1: the cpuacct and memory hierarchies' directories.
        case v1(cpuacct: String, memory: String)
        /// cgroup v2: the container's one directory.
        case v2(String)
    }

    var layout: Layout

    /// The container's cgroup directories, or nil when they cannot be found or are not its own.
    static func locate(containerID: String, pid: Int, procRoot: String = "/proc") -> CgroupFiles? {
        guard pid > 0, containerID.count == 64,
            let membership = try? String(contentsOfFile: "\(procRoot)/\(pid)/cgroup", encoding: .utf8),
            let mountinfo = try? String(contentsOfFile: "\(procRoot)/self/mountinfo", encoding: .utf8)
        else { return nil }
        let mounts = CgroupMounts(mountinfo: mountinfo)
        var v1: [String: String] = [:]
        var unified: String?
        for line in membership.split(separator: "\n") {
            let fields = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3, fields[2].contains(containerID) else { continue }
            let path = String(fields[2])
            if fields[0] == "0", fields[1].isEmpty {
                unified = mounts.unified.flatMap { $0.directory(for: path) }
            } else {
                for controller in fields[1].split(separator: ",")
                where controller == "cpuacct" || controller == "memory" {
                    let mount = mounts.v1[String(controller)]
                    v1[String(controller)] = mount.flatMap { $0.directory(for: path) }
                }
            }
        }
        // The unified hierarchy counts memory only where the memory controller is on it (not on a
        // hybrid host, whose v2 tree holds no controllers).
        if let unified, FileManager.default.fileExists(atPath: "\(unified)/memory.current") {
            return CgroupFiles(layout: .v2(unified))
        }
        if let cpuacct = v1["cpuacct"], let memory = v1["memory"] {
            return CgroupFiles(layout: .v1(cpuacct: cpuacct, memory: memory))
        }
        return nil
    }
}

/// The cgroup hierarchies' mount points, from `/proc/self/mountinfo`.
struct CgroupMounts: Sendable, Hashable {
    struct Mount: Sendable, Hashable {
        /// The hierarchy's path that is mounted (`/` unless this is a namespace's view of a subtree).
        var root: String
        var mountPoint: String

        /// The directory of the cgroup at `path` (as `/proc/PID/cgroup` writes it), when under this mount.
        func directory(for path: String) -> String? {
            if root == "/" { return mountPoint + path }
            guard path == root || path.hasPrefix(root + "/") else { return nil }
            return mountPoint + path.dropFirst(root.count)
        }
    }

    /// v1 hierarchies by controller (`cpuacct`, `memory`, …); several may share one mount.
    var v1: [String: Mount] = [:]
    var unified: Mount?

    /// Reads lines of `ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTIONS… - FSTYPE SOURCE SUPEROPTIONS`.
    init(mountinfo: String) {
        for line in mountinfo.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard let separator = fields.firstIndex(of: "-"), separator >= 5, fields.count >= separator + 4 else {
                continue
            }
            let mount = Mount(root: String(fields[3]), mountPoint: String(fields[4]))
            switch fields[separator + 1] {
            case "cgroup2":
                if unified == nil { unified = mount }
            case "cgroup":
                for option in fields[separator + 3].split(separator: ",") where v1[String(option)] == nil {
                    v1[String(option)] = mount
                }
            default:
                continue
            }
        }
    }
}
