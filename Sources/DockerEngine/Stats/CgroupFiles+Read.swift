import Foundation

extension CgroupFiles {
    struct Unreadable: Error {}

    /// The `memory.stat` keys the page cache is taken from (v1's hierarchical one, then v2's).
    static let cacheKeys = ["total_inactive_file", "inactive_file"]

    /// One sample, with the fields the engine's stats would give: the container's CPU time, the
    /// host's (`/proc/stat`, as the engine sums it), memory usage, limit and the page cache. Throws
    /// when a file is gone (the container stopped or was removed). Parsed from bytes, a line at a
    /// time: a screenful of rows is sampled every 2 s, and Swift string splitting of whole files
    /// was most of the dashboard's idle CPU with the columns on.
    func read(procRoot: String = "/proc") throws -> ContainerStats {
        let usage: UInt64
        var memory: ContainerStats.Memory
        switch layout {
        case .v2(let directory):
            guard let micros = try ProcBytes("\(directory)/cpu.stat").values(for: ["usage_usec"])["usage_usec"]
            else { throw Unreadable() }
            usage = micros * 1000
            memory = ContainerStats.Memory(
                usage: try ProcBytes("\(directory)/memory.current").number(),
                limit: try? ProcBytes("\(directory)/memory.max").number(),  // "max": no limit
                stats: try ProcBytes("\(directory)/memory.stat").values(for: Self.cacheKeys))
        case .v1(let cpuacct, let directory):
            usage = try ProcBytes("\(cpuacct)/cpuacct.usage").number()
            memory = ContainerStats.Memory(
                usage: try ProcBytes("\(directory)/memory.usage_in_bytes").number(),
                limit: try? ProcBytes("\(directory)/memory.limit_in_bytes").number(),
                stats: try ProcBytes("\(directory)/memory.stat").values(for: Self.cacheKeys))
        }
        let hostMemory = try HostCounters.memoryBytes(procRoot: procRoot)
        // The engine reports the host's memory as the limit of a container without one (v1's
        // "unlimited" is a page-rounded 2^63).
        memory.limit = min(memory.limit ?? hostMemory, hostMemory)
        var stats = ContainerStats(
            cpu: ContainerStats.CPU(
                totalUsage: usage, systemUsage: try HostCounters.cpuNanoseconds(procRoot: procRoot),
                onlineCPUs: HostCounters.onlineCPUs),
            memory: memory)
        stats.source = .cgroup
        return stats
    }
}

/// The host's side of a sample: its CPU time as the engine counts it, its CPUs, its memory.
enum HostCounters {
    static var onlineCPUs: Int { max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN))) }

    /// The first seven fields of `/proc/stat`'s first (`cpu`) line, user to softirq, in
    /// nanoseconds, as the engine's `system_cpu_usage` sums them.
    static func cpuNanoseconds(procRoot: String = "/proc") throws -> UInt64 {
        let fields = try ProcBytes("\(procRoot)/stat", atMost: 512).firstLineFields()
        guard fields.first?.elementsEqual("cpu".utf8) == true else { throw CgroupFiles.Unreadable() }
        let ticks = fields.dropFirst().prefix(7).compactMap(ProcBytes.number)
        guard ticks.count == 7 else { throw CgroupFiles.Unreadable() }
        let perSecond = UInt64(max(1, sysconf(Int32(_SC_CLK_TCK))))
        return ticks.reduce(0, +) * (1_000_000_000 / perSecond)
    }

    /// `MemTotal` of `/proc/meminfo`, in bytes; the host's is read once (it does not change).
    static func memoryBytes(procRoot: String = "/proc") throws -> UInt64 {
        if procRoot == "/proc", let hostMemory { return hostMemory }
        return try readMemoryBytes(procRoot: procRoot)
    }

    private static let hostMemory: UInt64? = try? readMemoryBytes(procRoot: "/proc")

    private static func readMemoryBytes(procRoot: String) throws -> UInt64 {
        let fields = try ProcBytes("\(procRoot)/meminfo", atMost: 512).firstLineFields()
        guard fields.count >= 2, fields[0].elementsEqual("MemTotal:".utf8), let kibibytes = ProcBytes.number(fields[1])
        else { throw CgroupFiles.Unreadable() }
        return kibibytes * 1024
    }
}

/// A small kernel file (`/proc`, cgroupfs) read whole with one `read`, parsed as bytes.
struct ProcBytes {
    let bytes: [UInt8]

    init(_ path: String, atMost limit: Int = 16 * 1024) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw CgroupFiles.Unreadable() }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: limit)
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, limit) }
        guard count >= 0 else { throw CgroupFiles.Unreadable() }
        bytes = Array(buffer.prefix(count))
    }

    /// The file as one decimal number (a trailing newline allowed).
    func number() throws -> UInt64 {
        guard let value = Self.number(bytes.prefix { $0 != UInt8(ascii: "\n") }) else { throw CgroupFiles.Unreadable() }
        return value
    }

    /// From `key value` lines, the values of `keys` that are present.
    func values(for keys: [String]) -> [String: UInt64] {
        let wanted = keys.map { (key: $0, bytes: Array($0.utf8)) }
        var found: [String: UInt64] = [:]
        for line in bytes.split(separator: UInt8(ascii: "\n")) {
            guard let space = line.firstIndex(of: UInt8(ascii: " ")) else { continue }
            let name = line[..<space]
            if let key = wanted.first(where: { $0.bytes.elementsEqual(name) })?.key,
                let value = Self.number(line[line.index(after: space)...])
            {
                found[key] = value
            }
        }
        return found
    }

    /// The first line's space-separated fields.
    func firstLineFields() -> [ArraySlice<UInt8>] {
        bytes.prefix { $0 != UInt8(ascii: "\n") }.split(separator: UInt8(ascii: " "))
    }

    static func number(_ digits: some Collection<UInt8>) -> UInt64? {
        guard !digits.isEmpty else { return nil }
        var value: UInt64 = 0
        for digit in digits {
            guard digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9") else { return nil }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(digit - UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else { return nil }
            value = sum
        }
        return value
    }
}
