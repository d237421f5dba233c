/// What the process uses, as the Prometheus clients of other languages report it (Go's
/// `procfs`, Python's `ProcessCollector`): parsed from `/proc/self` files, which are the whole
/// input, so the parsing is tested with recorded files.
struct ProcessSample: Equatable {
    /// User plus system CPU time.
    var cpuSeconds: Double
    var residentBytes: Int
    var virtualBytes: Int
    /// Seconds since the epoch.
    var startTimeSeconds: Double
    /// Entries of `/proc/self/fd`; nil when it cannot be listed.
    var openFDs: Int?
    /// The soft limit on open files; nil when it is `unlimited` or cannot be read.
    var maxFDs: Int?

    /// The machine's units: clock ticks per second (`sysconf(_SC_CLK_TCK)`) and the page size.
    struct Units: Equatable {
        var ticksPerSecond: Double
        var pageSize: Int
    }

    /// - Parameters:
    ///   - stat: `/proc/self/stat`;
    ///   - bootTime: `btime` of `/proc/stat` (``bootTime(_:)``), which the start time counts from;
    ///   - limits: `/proc/self/limits`.
    /// - Returns: nil when `stat` cannot be read: without it nothing is worth reporting.
    init?(stat: String, bootTime: Double, limits: String?, openFDs: Int?, units: Units) {
        // `pid (comm) state …`: comm may hold spaces and parentheses, so fields count from the last `)`.
        guard let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ", omittingEmptySubsequences: true)
        // Field N of proc(5) is fields[N - 3]: utime 14, stime 15, starttime 22, vsize 23, rss 24.
        func field(_ number: Int) -> Double? {
            fields.count > number - 3 ? Double(fields[number - 3]) : nil
        }
        guard let utime = field(14), let stime = field(15), let startTicks = field(22), let vsize = field(23),
            let rss = field(24)
        else { return nil }
        cpuSeconds = (utime + stime) / units.ticksPerSecond
        virtualBytes = Int(vsize)
        residentBytes = Int(rss) * units.pageSize
        startTimeSeconds = bootTime + startTicks / units.ticksPerSecond
        self.openFDs = openFDs
        maxFDs = limits.flatMap(Self.openFileSoftLimit)
    }

    /// `btime 1796159341` of `/proc/stat`.
    static func bootTime(_ systemStat: String) -> Double? {
        for line in systemStat.split(separator: "\n") where line.hasPrefix("btime ") {
            return Double(line.dropFirst("btime ".count).trimmingPrefix(while: { $0 == " " }))
        }
        return nil
    }

    /// The soft limit of `Max open files   20000   20000   files`.
    static func openFileSoftLimit(_ limits: String) -> Int? {
        for line in limits.split(separator: "\n") where line.hasPrefix("Max open files") {
            let values = line.dropFirst("Max open files".count).split(separator: " ", omittingEmptySubsequences: true)
            return values.first.flatMap { Int($0) }
        }
        return nil
    }
}
