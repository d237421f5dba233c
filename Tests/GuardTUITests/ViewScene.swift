import Foundation
import GuardCore

@testable import GuardTUI

/// Golden screens of the views of issue 15 (logs, …), apart from ``GoldenScene`` so each view's
/// inputs sit together.
struct ViewScene: Sendable, CustomStringConvertible {
    enum View: String, CaseIterable, Sendable {
        /// Following, stderr lines among stdout ones, long lines cut.
        case logs
        /// The same, wrapped and with times.
        case logsWrapped = "logs-wrapped"
        /// A buffer that dropped older lines, paused with new lines below.
        case logsDropped = "logs-dropped"
        /// A search hit, highlighted, and the search prompt.
        case logsSearch = "logs-search"
        /// The search prompt being typed.
        case logsSearchTyping = "logs-search-typing"
        /// The container stopped while viewed: said, what was shown kept.
        case logsEnded = "logs-ended"
        /// The decision timeline, newest first, a failed action among them.
        case timeline
        /// The timeline filtered as it is typed.
        case timelineFilter = "timeline-filter"
        /// `c`: CPU and memory of the rows on screen, sorted by CPU; one not sampled yet.
        case tableStats = "table-stats"
    }

    var view: View
    var width: Int
    var height: Int

    var name: String { "\(view.rawValue)-\(width)x\(height)" }
    var description: String { name }

    static let all: [ViewScene] =
        View.allCases.flatMap { view in
            [(80, 24), (40, 10)].map { ViewScene(view: view, width: $0.0, height: $0.1) }
        } + [ViewScene(view: .timeline, width: 120, height: 40), ViewScene(view: .tableStats, width: 120, height: 40)]

    func render() -> Screen {
        let (data, state, rows) = inputs()
        return DashboardRenderer.render(
            data: data, state: state, rows: rows, width: width, height: height, glyphs: .utf8)
    }

    static func logLines(_ count: Int, from start: Int = 0) -> [LogEntry] {
        (start..<(start + count)).map { index in
            let time = String(format: "2026-11-25T22:%02d:%02d.%03d000000Z", index / 60 % 60, index % 60, index % 1000)
            if index % 5 == 3 {
                return LogEntry(time: time, text: "WARN retrying upstream (attempt \(index))", isStderr: true)
            }
            if index % 7 == 6 {
                return LogEntry(
                    time: time,
                    text: "GET /api/orders?page=\(index) 200 12ms "
                        + "user-agent=\"Mozilla/5.0 (X11; Linux x86_64)\" ref=/shop/cart")
            }
            return LogEntry(time: time, text: "worker \(index): processed order #\(1000 + index)")
        }
    }

    /// Recent decisions of the fixture host, newest first.
    static func timeline() -> [AuditRecord] {
        typealias F = DashboardFixtures
        func record(
            _ time: String, _ index: Int, event: String, verdict: String, rule: String? = nil, action: String? = nil,
            result: String, latency: Int? = nil, error: String? = nil
        ) -> AuditRecord {
            let container = F.containers[index]
            return AuditRecord(
                time: "2026-11-25T\(time)Z", containerID: container.id, containerName: "/" + container.displayName,
                image: container.imageRef, event: event, verdict: verdict, rule: rule, mode: "confirm", action: action,
                result: result, error: error, latencyMS: latency)
        }
        return [
            record("22:59:40.100", 6, event: "start", verdict: "violating", result: "pending"),
            record(
                "22:58:02.512", 5, event: "operator", verdict: "violating", action: "kill", result: "done", latency: 412
            ),
            record(
                "22:40:11.000", 4, event: "operator", verdict: "violating", action: "kill", result: "failed",
                error: "engine: conflict"),
            record(
                "22:30:00.000", 0, event: "resync", verdict: "allowed", rule: "/etc/dockerguard/allowlist:2",
                result: "recorded"),
            record(
                "21:10:00.000", 5, event: "start", verdict: "violating", action: "kill", result: "done", latency: 380),
        ]
    }

    func inputs() -> (DashboardData, UIState, [ContainerRow]) {
        typealias F = DashboardFixtures
        var data = F.data()
        data.timeline = Self.timeline()
        var state = F.state(.logs)
        var logs = LogView(containerID: F.workerID, name: "shop-worker-1", session: 1)
        logs.opening = false
        logs.buffer.append(contentsOf: Self.logLines(40))
        switch view {
        case .logs: break
        case .logsWrapped:
            logs.wrap = true
            logs.timestamps = true
        case .logsDropped:
            logs = LogView(containerID: F.workerID, name: "shop-worker-1", session: 1, capacity: 30)
            logs.opening = false
            logs.buffer.append(contentsOf: Self.logLines(100))
            logs.following = false
            logs.bottom = 90
        case .logsSearch:
            logs.search = "order #1021"
            logs.hit = 21
            logs.following = false
            logs.bottom = 25
        case .logsSearchTyping:
            logs.following = false
            logs.bottom = 25
            logs.searchEditor = LineEditor("order #10")
        case .logsEnded:
            logs.ended = ""
            var stopped = data
            if let index = stopped.snapshot.containers.firstIndex(where: { $0.id == F.workerID }) {
                stopped.snapshot.containers[index].state = "exited"
            }
            state.logs = logs
            return (stopped, state, state.table.rows(stopped, preview: TablePreview(state)))
        case .timeline:
            var view = TimelineView()
            view.selected = 1
            state.overlay = .timeline(view)
        case .tableStats:
            state.overlay = .none
            state.showStats = true
            state.table.sort = .cpu
            let figures: [(Double?, UInt64)] = [
                (0.4, 12_582_912), (187.25, 1_610_612_736), (nil, 524_288), (3.05, 88_080_384),
            ]
            for (record, figure) in zip(data.snapshot.containers.filter(\.isRunning), figures) {
                data.resources[record.id] = ResourceSample(cpuPercent: figure.0, memoryBytes: figure.1)
            }
        case .timelineFilter:
            var view = TimelineView()
            view.filter = "kill"
            view.filterEditor = LineEditor("kill")
            state.overlay = .timeline(view)
        }
        state.logs = logs
        let rows = state.table.rows(data, preview: TablePreview(state))
        return (data, state, rows)
    }
}
