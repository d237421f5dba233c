import GuardCore
import Testing

@testable import GuardTUI

@Suite("CPU and memory columns")
struct StatsColumnsTests {
    typealias F = DashboardFixtures

    @Test("figures as docker stats writes them, right-aligned")
    func text() {
        #expect(ResourceText.percent(0.04) == "  0.0%")
        #expect(ResourceText.percent(12.34) == " 12.3%")
        #expect(ResourceText.percent(187.6) == "  188%")
        #expect(ResourceText.percent(nil) == "     -")
        #expect(ResourceText.bytes(512) == "    512B")
        #expect(ResourceText.bytes(335_872) == "  328KiB")
        #expect(ResourceText.bytes(12_900_000) == " 12.3MiB")
        #expect(ResourceText.bytes(1_610_612_736) == "  1.5GiB")
    }

    @Test("c toggles them; o reaches CPU and memory only while they show; off again, the sort goes back")
    func keys() {
        var state = F.state()
        let data = F.data()
        let context = DashboardMachine.Context(data: data, rows: RowBuilder().rows(data))
        var seen: [SortKey] = []
        for _ in 0..<SortKey.allCases.count {
            _ = DashboardMachine.handle(.character("o"), state: &state, context: context)
            seen.append(state.table.sort)
        }
        #expect(!seen.contains(.cpu) && !seen.contains(.memory))
        _ = DashboardMachine.handle(.character("c"), state: &state, context: context)
        #expect(state.showStats)
        while state.table.sort != .cpu { _ = DashboardMachine.handle(.character("o"), state: &state, context: context) }
        _ = DashboardMachine.handle(.character("c"), state: &state, context: context)
        #expect(!state.showStats && state.table.sort == .name)
    }

    @Test("sorted by CPU or memory: the busiest first, unsampled rows last")
    func sorting() {
        var data = F.data()
        let running = data.snapshot.containers.filter(\.isRunning)
        data.resources[running[0].id] = ResourceSample(cpuPercent: 2, memoryBytes: 10)
        data.resources[running[1].id] = ResourceSample(cpuPercent: 150, memoryBytes: 5)
        data.resources[running[2].id] = ResourceSample(cpuPercent: 9.5, memoryBytes: 1 << 30)
        let byCPU = RowBuilder(sort: .cpu).rows(data).map(\.id)
        #expect(Array(byCPU.prefix(3)) == [running[1].id, running[2].id, running[0].id])
        let byMemory = RowBuilder(sort: .memory).rows(data).map(\.id)
        #expect(Array(byMemory.prefix(3)) == [running[2].id, running[0].id, running[1].id])
    }
}
