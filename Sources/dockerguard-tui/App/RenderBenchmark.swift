import GuardCore
import GuardTUI

/// `dockerguard-tui --bench-render N`: times one frame's pure work (judge, sort and render N
/// containers at 120×40) without a terminal, for scripts/bench-tui.
enum RenderBenchmark {
    static func run(rows count: Int, iterations: Int = 200) -> String {
        let list = try! AllowList.parse("name=web-*\nimage=redis:*\nlabel=tier=db\n", path: "/etc/dockerguard/allowlist").get()
        let containers = (0..<count).map { index in
            ContainerRecord(
                id: String(repeating: String(index % 10), count: 64), name: "/\(["web", "api", "db", "job"][index % 4])-\(index)",
                imageRef: ["nginx:1.27", "redis:7", "busybox:local"][index % 3], imageID: "sha256:" + String(repeating: "b", count: 64),
                state: "running", createdAt: "2026-11-25T10:00:00Z", startedAt: "2026-11-25T10:00:00Z",
                labels: index % 5 == 0 ? ["tier": "db"] : [:])
        }
        let data = DashboardData(
            snapshot: ContainerSnapshot(
                version: 1, containers: containers, engine: EngineStatus(endpoint: "unix:///var/run/docker.sock", connection: .connected),
                isSynced: true, lastSyncAt: 0),
            policy: PolicyState.Current(allowList: list, version: 1, path: list.path, loadError: nil, loadedAt: 0),
            enforcer: EnforcerStatus(mode: .audit, action: .stop, readonly: false), api: .serving(address: "127.0.0.1:8080"),
            now: 1_764_064_800)
        var state = UIState()
        var samples: [Double] = []
        var judgeSamples: [Double] = []
        var renderSamples: [Double] = []
        for iteration in 0..<(iterations + 10) {
            let start = monotonic()
            state.table.sort = iteration.isMultiple(of: 2) ? .name : .verdict
            let table = state.table.table(data)
            let rows = table.rows
            let judged = monotonic()
            DashboardMachine.reconcile(&state, rows: rows)
            let screen = DashboardRenderer.render(data: data, state: state, rows: rows, width: 120, height: 40, glyphs: .forLocale(utf8: true), counts: table.counts)
            precondition(screen.width == 120)
            let end = monotonic()
            if iteration >= 10 {  // the first ones warm caches
                samples.append((end - start) * 1000)
                judgeSamples.append((judged - start) * 1000)
                renderSamples.append((end - judged) * 1000)
            }
        }
        samples.sort()
        judgeSamples.sort()
        renderSamples.sort()
        func format(_ value: Double) -> String { String(Int((value * 100).rounded())).leftPadded(3).inserting(".", at: 2) }
        let median = samples[samples.count / 2]
        let p99 = samples[min(samples.count - 1, samples.count * 99 / 100)]
        return "render \(count) rows (judge, sort, render 120x40): median \(format(median)) ms, p99 \(format(p99)) ms, \(iterations) frames"
            + "\n  of which judge+sort: median \(format(judgeSamples[judgeSamples.count / 2])) ms; render: median \(format(renderSamples[renderSamples.count / 2])) ms"
    }

    static func monotonic() -> Double { DashboardLoop.now() }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
    fileprivate func inserting(_ character: Character, at offsetFromEnd: Int) -> String {
        var copy = self
        copy.insert(character, at: copy.index(copy.endIndex, offsetBy: -offsetFromEnd))
        return copy
    }
}
