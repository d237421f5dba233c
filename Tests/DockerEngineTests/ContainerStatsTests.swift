import Foundation
import Testing

@testable import DockerEngine

@Suite("ContainerStats")
struct ContainerStatsTests {
    static func fixture(_ name: String) throws -> ContainerStats {
        let url = Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: "json")!
        return try JSONDecoder().decode(ContainerStats.self, from: Data(contentsOf: url))
    }

    /// Two one-shot samples 1 s apart of a container spinning one core on a 2-CPU host (engine
    /// 1.41, cgroup v1). `docker stats --no-stream` said 66.88 % at the same moment (its own two
    /// samples); `docker stats`' formula on these two gives the figure below.
    @Test("CPU % as docker stats computes it, from two recorded samples")
    func cpuFromRecordedSamples() throws {
        let first = try Self.fixture("stats-busy-1")
        let second = try Self.fixture("stats-busy-2")
        #expect(second.cpu.onlineCPUs == 2 && second.cpu.perCPUCount == 2)
        // (1542456244 → total of the second) over the host's delta, × 2 CPUs × 100.
        let cpuDelta = Double(second.cpu.totalUsage - first.cpu.totalUsage)
        let systemDelta = Double(second.cpu.systemUsage! - first.cpu.systemUsage!)
        let percent = try #require(second.cpuPercent(since: first))
        #expect(abs(percent - cpuDelta / systemDelta * 2 * 100) < 1e-9)
        #expect(abs(percent - 66.3467) < 0.001)
        // Memory: no page cache here, so usage itself, as docker stats showed (328KiB).
        #expect(second.memory.usageWithoutCache == 335_872)
        #expect(second.memory.limit == 25_276_059_648)
        // Backwards (or the same sample twice) is no figure, not a negative one.
        #expect(first.cpuPercent(since: second) == nil)
        #expect(second.cpuPercent(since: second) == nil)
    }

    @Test("an exited container's sample decodes, with no CPU figure")
    func exited() throws {
        let exited = try Self.fixture("stats-exited")
        #expect(exited.cpu.systemUsage == nil || exited.cpu.systemUsage == 0)
        #expect(exited.cpuPercent(since: try Self.fixture("stats-busy-1")) == nil)
    }

    @Test("memory less the cache: cgroup v1's total_inactive_file, else v2's inactive_file")
    func memoryWithoutCache() {
        let v1 = ContainerStats.Memory(
            usage: 10_000, limit: nil, stats: ["total_inactive_file": 4000, "inactive_file": 1])
        #expect(v1.usageWithoutCache == 6000)
        let v2 = ContainerStats.Memory(usage: 10_000, limit: nil, stats: ["inactive_file": 2500])
        #expect(v2.usageWithoutCache == 7500)
        let odd = ContainerStats.Memory(usage: 100, limit: nil, stats: ["inactive_file": 200])
        #expect(odd.usageWithoutCache == 100)
    }

    @Test("a recorded multiplexed log answer: stdout and stderr apart, timestamps first")
    func recordedLogs() throws {
        let url = Bundle.module.url(forResource: "Fixtures/logs-talk", withExtension: "mux")!
        let bytes = Array(try Data(contentsOf: url))
        for split in 0...bytes.count {
            var decoder = MultiplexedStreamDecoder()
            var splitter = LogLineSplitter()
            var lines: [LogLine] = []
            for part in [bytes[..<split], bytes[split...]] {
                for chunk in try decoder.feed(part) { lines += splitter.feed(chunk) }
            }
            let texts = lines.map {
                ($0.stream, String(decoding: $0.bytes.drop { $0 != 0x20 }.dropFirst(), as: UTF8.self))
            }
            #expect(texts.map(\.1) == ["out1", "bad \u{FFFD}\u{FFFD} bytes", "out2", "err1"])
            #expect(texts.map(\.0) == [.stdout, .stdout, .stdout, .stderr])
        }
    }
}
