/// One resource sample of a container (`/containers/{id}/stats`), the fields `docker stats` uses.
public struct ContainerStats: Sendable, Hashable, Decodable {
    public var cpu: CPU
    public var memory: Memory
    /// Where the figures were read: the engine's stats endpoint, or the container's cgroup files.
    public var source: Source = .engine

    public enum Source: Sendable, Hashable { case engine, cgroup }

    public init(cpu: CPU, memory: Memory) {
        self.cpu = cpu
        self.memory = memory
    }

    public struct CPU: Sendable, Hashable, Decodable {
        /// Nanoseconds of CPU the container used, all CPUs together.
        public var totalUsage: UInt64
        /// Nanoseconds of CPU the host used (absent on a stopped container).
        public var systemUsage: UInt64?
        public var onlineCPUs: Int?
        public var perCPUCount: Int

        public init(totalUsage: UInt64, systemUsage: UInt64?, onlineCPUs: Int?, perCPUCount: Int = 0) {
            self.totalUsage = totalUsage
            self.systemUsage = systemUsage
            self.onlineCPUs = onlineCPUs
            self.perCPUCount = perCPUCount
        }

        enum CodingKeys: String, CodingKey {
            case usage = "cpu_usage", systemUsage = "system_cpu_usage", onlineCPUs = "online_cpus"
        }
        enum UsageKeys: String, CodingKey { case total = "total_usage", perCPU = "percpu_usage" }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            let usage = try container.nestedContainer(keyedBy: UsageKeys.self, forKey: .usage)
            totalUsage = try usage.decodeIfPresent(UInt64.self, forKey: .total) ?? 0
            perCPUCount = try usage.decodeIfPresent([UInt64].self, forKey: .perCPU)?.count ?? 0
            systemUsage = try container.decodeIfPresent(UInt64.self, forKey: .systemUsage)
            onlineCPUs = try container.decodeIfPresent(Int.self, forKey: .onlineCPUs)
        }
    }

    public struct Memory: Sendable, Hashable, Decodable {
        public var usage: UInt64?
        public var limit: UInt64?
        /// cgroup v1 `total_inactive_file`, v2 `inactive_file`, and the rest of the kernel's figures.
        public var stats: [String: UInt64]

        public init(usage: UInt64?, limit: UInt64?, stats: [String: UInt64] = [:]) {
            self.usage = usage
            self.limit = limit
            self.stats = stats
        }

        enum CodingKeys: String, CodingKey { case usage, limit, stats }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            usage = try container.decodeIfPresent(UInt64.self, forKey: .usage)
            limit = try container.decodeIfPresent(UInt64.self, forKey: .limit)
            stats = (try? container.decodeIfPresent([String: UInt64].self, forKey: .stats)) ?? [:]
        }

        /// Usage less the page cache, as `docker stats` shows it: cgroup v1's `total_inactive_file`,
        /// else v2's `inactive_file`, when smaller than the usage.
        public var usageWithoutCache: UInt64? {
            guard let usage else { return nil }
            if let inactive = stats["total_inactive_file"], inactive < usage { return usage - inactive }
            if let inactive = stats["inactive_file"], inactive < usage { return usage - inactive }
            return usage
        }
    }

    enum CodingKeys: String, CodingKey { case cpu = "cpu_stats", memory = "memory_stats" }

    /// CPU % between `previous` and this sample as `docker stats` computes it: the container's
    /// CPU time delta over the host's, times the online CPUs, times 100 (so one busy core is 100 %).
    /// Nil when either sample lacks the host's figure (a stopped container) or no time passed.
    public func cpuPercent(since previous: ContainerStats) -> Double? {
        guard let system = cpu.systemUsage, let previousSystem = previous.cpu.systemUsage, system > previousSystem
        else { return nil }
        let cpuDelta = Double(cpu.totalUsage) - Double(previous.cpu.totalUsage)
        let systemDelta = Double(system - previousSystem)
        let online = Double(cpu.onlineCPUs.flatMap { $0 > 0 ? $0 : nil } ?? cpu.perCPUCount)
        guard cpuDelta > 0 else { return 0 }
        return cpuDelta / systemDelta * online * 100
    }
}
