import Foundation
import Testing

@testable import GuardCore

@Suite("process_* and build metrics")
struct ProcessMetricsTests {
    typealias Files = RecordedProcessFiles
    static let bootTime = ProcessSample.bootTime(Files.systemStat) ?? .nan

    @Test("a recorded /proc/self/stat: CPU, memory and start time, whatever the comm holds")
    func recorded() throws {
        #expect(Self.bootTime == 1_796_159_341)
        let sample = try #require(
            ProcessSample(
                stat: Files.stat, bootTime: Self.bootTime, limits: Files.limits, openFDs: 6, units: Files.units))
        // utime 5 + stime 1 ticks; starttime 1196920 ticks after btime 1796159341; rss 3452 pages.
        #expect(sample.cpuSeconds == 0.06)
        #expect(sample.startTimeSeconds == 1_796_159_341 + 11_969.2)
        #expect(sample.residentBytes == 3452 * 4096)
        #expect(sample.virtualBytes == 17_145_856)
        #expect(sample.openFDs == 6)
        #expect(sample.maxFDs == 20000)
    }

    @Test("unlimited or unreadable limits leave process_max_fds out; a broken stat or no btime, everything")
    func missing() {
        let unlimited = Files.limits.replacingOccurrences(
            of: "Max open files            20000                20000",
            with: "Max open files            unlimited            unlimited")
        #expect(unlimited != Files.limits)
        let units = Files.units
        let noLimit = ProcessSample(
            stat: Files.stat, bootTime: Self.bootTime, limits: unlimited, openFDs: nil, units: units)
        #expect(noLimit?.maxFDs == nil)
        #expect(noLimit?.cpuSeconds == 0.06)
        #expect(
            ProcessSample(stat: Files.stat, bootTime: Self.bootTime, limits: nil, openFDs: 1, units: units)?
                .maxFDs == nil)
        let truncated = String(Files.stat.prefix(60))
        #expect(
            ProcessSample(stat: truncated, bootTime: Self.bootTime, limits: nil, openFDs: 1, units: units) == nil)
        #expect(
            ProcessSample(stat: "no parenthesis", bootTime: Self.bootTime, limits: nil, openFDs: 1, units: units)
                == nil)
        #expect(ProcessSample.bootTime(Files.systemStat.replacingOccurrences(of: "btime", with: "bootime")) == nil)
    }

    @Test("the text format: names, types and help as the other languages' clients write them")
    func text() throws {
        var sample = try #require(
            ProcessSample(
                stat: Files.stat, bootTime: Self.bootTime, limits: Files.limits, openFDs: 6, units: Files.units))
        var page: [UInt8] = []
        ProcessMetrics.render(sample, into: &page)
        #expect(
            String(decoding: page, as: UTF8.self) == """
                # HELP process_cpu_seconds_total Total user and system CPU time spent in seconds.
                # TYPE process_cpu_seconds_total counter
                process_cpu_seconds_total 0.06
                # HELP process_resident_memory_bytes Resident memory size in bytes.
                # TYPE process_resident_memory_bytes gauge
                process_resident_memory_bytes 14139392
                # HELP process_virtual_memory_bytes Virtual memory size in bytes.
                # TYPE process_virtual_memory_bytes gauge
                process_virtual_memory_bytes 17145856
                # HELP process_open_fds Number of open file descriptors.
                # TYPE process_open_fds gauge
                process_open_fds 6
                # HELP process_max_fds Maximum number of open file descriptors.
                # TYPE process_max_fds gauge
                process_max_fds 20000
                # HELP process_start_time_seconds Start time of the process since unix epoch in seconds.
                # TYPE process_start_time_seconds gauge
                process_start_time_seconds 1796171310.2

                """)
        sample.openFDs = nil
        sample.maxFDs = nil
        var shorter: [UInt8] = []
        ProcessMetrics.render(sample, into: &shorter)
        let text = String(decoding: shorter, as: UTF8.self)
        #expect(!text.contains("_fds"))
        #expect(text.contains("process_start_time_seconds 1796171310.2\n"))
    }

    @Test("/metrics: this process's own numbers, the build, and the mode of the enforcer it follows")
    func rendered() throws {
        let metrics = GuardMetrics()
        metrics.recordBuild(version: "9.8.7")
        var status = EnforcerStatus(mode: .enforce, action: .kill, readonly: false)
        let observed = Observed(status)
        metrics.follow(observed)
        let store = ContainerStore(endpoint: "test")
        func page() -> String {
            String(
                decoding: metrics.render(snapshot: store.current, policy: nil, aliases: ImageAliases()), as: UTF8.self)
        }
        func value(_ series: String, in text: String) -> Double? {
            text.split(separator: "\n").first { $0.hasPrefix(series + " ") }.flatMap {
                Double($0.dropFirst(series.count + 1))
            }
        }
        let first = page()
        let swift = BuildInfo.swiftVersion
        #expect(value(#"dockerguard_build_info{version="9.8.7",swift_version="\#(swift)"}"#, in: first) == 1)
        #expect(swift.hasPrefix("6.") || swift.hasPrefix("7."))
        #expect(value(#"dockerguard_enforcement_mode{mode="enforce"}"#, in: first) == 1)
        #expect(value(#"dockerguard_enforcement_mode{mode="audit"}"#, in: first) == 0)
        #expect(value("dockerguard_readonly", in: first) == 0)
        #expect(value(#"dockerguard_actions_total{action="stop",result="failed"}"#, in: first) == 0)
        #expect(value(#"dockerguard_violations_total{mode="enforce"}"#, in: first) == 0)

        let now = Date().timeIntervalSince1970
        let started = try #require(value("process_start_time_seconds", in: first))
        #expect(started <= now + 1 && started > now - 24 * 3600, "started \(started), now \(now)")
        let resident = try #require(value("process_resident_memory_bytes", in: first))
        let virtual = try #require(value("process_virtual_memory_bytes", in: first))
        #expect(resident > Double(1 << 20) && virtual > resident)
        #expect(try #require(value("process_open_fds", in: first)) >= 3)
        #expect(try #require(value("process_max_fds", in: first)) >= 3)

        // Read when scraped: CPU spent after a scrape shows in a later one (the kernel counts in
        // ticks of 10 ms, so spin until one passes; a value frozen at the first read never grows).
        let cpuBefore = try #require(value("process_cpu_seconds_total", in: first))
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(10)
        var spin = 0
        var cpuAfter = cpuBefore
        while cpuAfter <= cpuBefore, clock.now < deadline {
            for _ in 0..<1_000_000 { spin &+= 1 }
            cpuAfter = value("process_cpu_seconds_total", in: page()) ?? cpuBefore
        }
        #expect(cpuAfter > cpuBefore, "spun \(spin)")
        status.mode = .audit
        status.readonly = true
        observed.update { $0 = status }
        let second = page()
        #expect(value(#"dockerguard_enforcement_mode{mode="enforce"}"#, in: second) == 0)
        #expect(value(#"dockerguard_enforcement_mode{mode="audit"}"#, in: second) == 1)
        #expect(value("dockerguard_readonly", in: second) == 1)
    }
}
