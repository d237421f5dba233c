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
    }

    var view: View
    var width: Int
    var height: Int

    var name: String { "\(view.rawValue)-\(width)x\(height)" }
    var description: String { name }

    static let all: [ViewScene] = View.allCases.flatMap { view in
        [(80, 24), (40, 10)].map { ViewScene(view: view, width: $0.0, height: $0.1) }
    }

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

    func inputs() -> (DashboardData, UIState, [ContainerRow]) {
        typealias F = DashboardFixtures
        let data = F.data()
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
        }
        state.logs = logs
        let rows = state.table.rows(data, preview: TablePreview(state))
        return (data, state, rows)
    }
}
