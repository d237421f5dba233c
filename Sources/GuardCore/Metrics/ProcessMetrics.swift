import Foundation
import Glibc

/// The `process_*` series every Prometheus client exports, read from `/proc/self` when `/metrics`
/// is scraped (no timer). Procfs files are made by the kernel on read, never wait on a disk, and
/// are a few hundred bytes each, so reading them on the request's thread is fine.
enum ProcessMetrics {
    static let units = ProcessSample.Units(
        ticksPerSecond: Double(sysconf(Int32(_SC_CLK_TCK))), pageSize: Int(sysconf(Int32(_SC_PAGESIZE))))

    /// The boot time never changes: `/proc/stat` (a line per CPU and interrupt) is read once.
    static let bootTime: Double? = (try? String(contentsOfFile: "/proc/stat", encoding: .utf8)).flatMap(
        ProcessSample.bootTime)

    /// The process now; nil when `/proc` cannot be read (then no `process_*` series are shown).
    static func sampleSelf() -> ProcessSample? {
        guard let stat = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8), let bootTime else {
            return nil
        }
        return ProcessSample(
            stat: stat, bootTime: bootTime,
            limits: try? String(contentsOfFile: "/proc/self/limits", encoding: .utf8),
            openFDs: (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd"))?.count, units: units)
    }

    /// Appends the sample in the text exposition format, with the names, types and help of the
    /// Go and Python clients.
    static func render(_ sample: ProcessSample, into buffer: inout [UInt8]) {
        var text = ""
        func series(_ name: String, _ type: String, _ help: String, _ value: String?) {
            guard let value else { return }
            text += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n\(name) \(value)\n"
        }
        series(
            "process_cpu_seconds_total", "counter", "Total user and system CPU time spent in seconds.",
            "\(sample.cpuSeconds)")
        series("process_resident_memory_bytes", "gauge", "Resident memory size in bytes.", "\(sample.residentBytes)")
        series("process_virtual_memory_bytes", "gauge", "Virtual memory size in bytes.", "\(sample.virtualBytes)")
        series("process_open_fds", "gauge", "Number of open file descriptors.", sample.openFDs.map { "\($0)" })
        series("process_max_fds", "gauge", "Maximum number of open file descriptors.", sample.maxFDs.map { "\($0)" })
        series(
            "process_start_time_seconds", "gauge", "Start time of the process since unix epoch in seconds.",
            "\(sample.startTimeSeconds)")
        buffer.append(contentsOf: Array(text.utf8))
    }
}
