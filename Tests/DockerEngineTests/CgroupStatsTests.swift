import Foundation
import TestSupport
import Testing

@testable import DockerEngine

/// Resource figures read from a local container's cgroup files: found only under its own ID,
/// read as the engine reads them, and left to the engine whenever they cannot be.
@Suite("container stats from cgroup files")
struct CgroupStatsTests {
    static let id = String(repeating: "ab12", count: 16)

    /// A `/proc` and cgroup tree under a temporary folder, from `files` (path: contents).
    static func tree(_ files: [String: String]) throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("cgroups-\(UUID().uuidString)").path
        for (path, contents) in files {
            let file = root + "/" + path.replacingOccurrences(of: "ROOT/", with: "")
            try FileManager.default.createDirectory(
                atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try contents.replacingOccurrences(of: "ROOT", with: root).write(
                toFile: file, atomically: true, encoding: .utf8)
        }
        return root
    }

    static let procStat = "cpu  100 2 30 400 5 6 7 8 0 0\ncpu0 50 1 15 200 2 3 3 4 0 0\n"
    static let meminfo = "MemTotal:       24000000 kB\nMemFree:        1000 kB\n"

    @Test("mountinfo: v1 hierarchies by controller, a shared cpu,cpuacct mount, the unified one")
    func mounts() {
        let mounts = CgroupMounts(
            mountinfo: """
                31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
                32 31 0:29 / /sys/fs/cgroup/cpu,cpuacct rw,relatime shared:9 - cgroup cgroup rw,cpu,cpuacct
                36 31 0:33 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
                41 31 0:38 /docker/x /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
                """)
        #expect(mounts.v1["cpuacct"]?.mountPoint == "/sys/fs/cgroup/cpu,cpuacct")
        #expect(mounts.v1["cpu"] == mounts.v1["cpuacct"])
        #expect(mounts.v1["memory"]?.directory(for: "/a/b") == "/sys/fs/cgroup/memory/a/b")
        #expect(mounts.v1["mode=755"] == nil)
        // A mount of a subtree maps only paths under it.
        #expect(mounts.unified?.directory(for: "/docker/x/y") == "/sys/fs/cgroup/unified/y")
        #expect(mounts.unified?.directory(for: "/other") == nil)
    }

    @Test("cgroup v1: found under the container's ID, read as the engine reads it")
    func v1() throws {
        let path = "/dgx/\(Self.id)"
        let root = try Self.tree([
            "42/cgroup": "4:memory:\(path)\n2:cpu,cpuacct:\(path)\n0::\(path)\n",
            "self/mountinfo": """
            32 31 0:29 / ROOT/cpu,cpuacct rw - cgroup cgroup rw,cpu,cpuacct
            36 31 0:33 / ROOT/memory rw - cgroup cgroup rw,memory
            41 31 0:38 / ROOT/unified rw - cgroup2 cgroup2 rw
            """,
            "cpu,cpuacct\(path)/cpuacct.usage": "1500000000\n",
            "memory\(path)/memory.usage_in_bytes": "10000\n",
            "memory\(path)/memory.limit_in_bytes": "9223372036854771712\n",
            "memory\(path)/memory.stat": "cache 0\ntotal_inactive_file 4000\n",
            "unified\(path)/cgroup.procs": "42\n",
            "stat": Self.procStat, "meminfo": Self.meminfo,
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let files = try #require(CgroupFiles.locate(containerID: Self.id, pid: 42, procRoot: root))
        // The hybrid host's unified tree has no memory controller: v1 it is.
        #expect(files.layout == .v1(cpuacct: "\(root)/cpu,cpuacct\(path)", memory: "\(root)/memory\(path)"))
        let stats = try files.read(procRoot: root)
        #expect(stats.source == .cgroup)
        #expect(stats.cpu.totalUsage == 1_500_000_000)
        let ticks: UInt64 = 550  // user to softirq: 100 + 2 + 30 + 400 + 5 + 6 + 7; steal and guests are not
        let tick: UInt64 = 1_000_000_000 / UInt64(sysconf(Int32(_SC_CLK_TCK)))
        #expect(stats.cpu.systemUsage == ticks * tick)
        #expect(stats.memory.usageWithoutCache == 6000)
        #expect(stats.memory.limit == 24_000_000 * 1024, "no limit: the host's memory, as the engine says")
        // Another process (or the same PID in another namespace) is not the container.
        #expect(CgroupFiles.locate(containerID: String(repeating: "cd34", count: 16), pid: 42, procRoot: root) == nil)
        #expect(CgroupFiles.locate(containerID: Self.id, pid: 43, procRoot: root) == nil)
    }

    @Test("cgroup v2: one directory, usage_usec, memory.current and a limit")
    func v2() throws {
        let path = "/system.slice/docker-\(Self.id).scope"
        let root = try Self.tree([
            "7/cgroup": "0::\(path)\n",
            "self/mountinfo": "30 24 0:26 / ROOT/fs rw - cgroup2 cgroup2 rw,nsdelegate\n",
            "fs\(path)/cpu.stat": "usage_usec 2500\nuser_usec 2000\nsystem_usec 500\n",
            "fs\(path)/memory.current": "8192\n",
            "fs\(path)/memory.max": "4096000\n",
            "fs\(path)/memory.stat": "anon 4096\ninactive_file 1024\n",
            "stat": Self.procStat, "meminfo": Self.meminfo,
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let files = try #require(CgroupFiles.locate(containerID: Self.id, pid: 7, procRoot: root))
        #expect(files.layout == .v2("\(root)/fs\(path)"))
        let stats = try files.read(procRoot: root)
        #expect(stats.cpu.totalUsage == 2_500_000)
        #expect(stats.memory.usageWithoutCache == 7168)
        #expect(stats.memory.limit == 4_096_000)
        // A stopped container's files are gone: an error, so the caller asks the engine.
        try FileManager.default.removeItem(atPath: "\(root)/fs\(path)/cpu.stat")
        #expect(throws: CgroupFiles.Unreadable.self) { try files.read(procRoot: root) }
    }

    @Test(
        "against the engine: a busy container's figures match the engine's own; a stopped one's come from the engine",
        .enabled(if: TestEngine.isAvailable, "needs scripts/test's private engine"), .timeLimit(.minutes(2)))
    func againstTheEngine() async throws {
        let client = try TestEngine.client()
        let name = TestEngine.uniqueName("busy")
        defer { TestEngine.forceRemove([name]) }
        // One core busy, and 8 MiB held in a tmpfs (memory the cgroup is charged for).
        let id = try await TestEngine.docker([
            "run", "-d", "--name", name, "--network", "none", "--tmpfs", "/fill", "busybox:local", "sh", "-c",
            "dd if=/dev/zero of=/fill/z bs=1M count=8 2>/dev/null; while :; do :; done",
        ])
        let first = try await client.containerStats(id)
        #expect(first.source == .cgroup, "a container of an engine on this host is read from its cgroup")
        let engineFirst = try await client.containerStats(id, engineOnly: true)
        #expect(engineFirst.source == .engine)
        try await Task.sleep(for: .seconds(1))
        let second = try await client.containerStats(id)
        let engineSecond = try await client.containerStats(id, engineOnly: true)
        let local = try #require(second.cpuPercent(since: first))
        let engine = try #require(engineSecond.cpuPercent(since: engineFirst))
        // Busy on one core: up to 100 %, well above idle, either way (a loaded machine shares the core).
        #expect(local > 5 && local < 110, "cgroup \(local) %, engine \(engine) %")
        #expect(abs(local - engine) < 25, "cgroup \(local) %, engine \(engine) %")
        let memory = try #require(second.memory.usageWithoutCache)
        let engineMemory = try #require(engineSecond.memory.usageWithoutCache)
        #expect(memory > 8 << 20, "the 8 MiB tmpfs file is counted: \(memory)")
        #expect(
            abs(Double(memory) - Double(engineMemory)) < Double(1 << 20), "cgroup \(memory), engine \(engineMemory)")
        #expect(second.memory.limit == engineSecond.memory.limit)

        try await TestEngine.docker(["kill", name])
        let stopped = try await client.containerStats(id)
        #expect(stopped.source == .engine, "a stopped container has no cgroup: the engine is asked")
    }
}
