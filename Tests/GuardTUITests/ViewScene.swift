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
        /// `i`: the worker's inspect, its secret env values masked, scrolled to them.
        case inspect
        /// `M`: the same with the values shown; a search hit.
        case inspectShown = "inspect-shown"
        /// The inspect while the engine is asked.
        case inspectLoading = "inspect-loading"
        /// Space: three rows marked (the mark column), one of them selected.
        case tableMarks = "table-marks"
        /// `s` with rows marked: one dialog listing them.
        case dialogMarked = "dialog-marked"
        /// `a` with rows marked: one rule each or one they share.
        case proposalMarked = "proposal-marked"
        /// `P`: one header per Compose project with its counts and worst verdict, one folded.
        case tableGroups = "table-groups"
    }

    var view: View
    var width: Int
    var height: Int

    var name: String { "\(view.rawValue)-\(width)x\(height)" }
    var description: String { name }

    static let all: [ViewScene] =
        View.allCases.flatMap { view in
            [(80, 24), (40, 10)].map { ViewScene(view: view, width: $0.0, height: $0.1) }
        }
        + [.timeline, .tableStats, .inspect, .tableMarks, .tableGroups, .proposalMarked].map {
            ViewScene(view: $0, width: 120, height: 40)
        }

    func render() -> Screen {
        let (data, state, rows) = inputs()
        return DashboardRenderer.render(
            data: data, state: state, rows: rows, width: width, height: height, glyphs: .utf8)
    }

    /// An inspect as the engine writes it (one line, keys in its order), with secrets in Env.
    static let inspectJSON = """
        {"Id":"5c1d0e9a4b21","Created":"2026-11-25T21:00:00Z","Path":"python","Args":["-m","shop.worker",\
        "--api-token=from-args"],"State":{"Status":"running","Running":true,"Paused":false,"Pid":4242,\
        "ExitCode":0,"StartedAt":"2026-11-25T21:00:03Z"},"Image":"sha256:44d2","Name":"/shop-worker-1",\
        "RestartCount":0,"HostConfig":{"NetworkMode":"shop_default","RestartPolicy":{"Name":"unless-stopped",\
        "MaximumRetryCount":0},"Privileged":false,"CapAdd":null,"Binds":[]},"Config":{"Hostname":"5c1d0e9a4b21",\
        "User":"app","Tty":false,"Env":["PATH=/usr/local/bin:/usr/bin:/bin","POSTGRES_PASSWORD=hunter2",\
        "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG","GITHUB_TOKEN=ghp_16C7e42F292c6912E7710c838347Ae178B4a",\
        "DATABASE_URL=postgres://app:s3cret@db:5432/shop","LANG=C.UTF-8","PWD=/srv"],\
        "Cmd":["python","-m","shop.worker"],"Image":"python:3.12-slim","WorkingDir":"/srv",\
        "Labels":{"com.docker.compose.project":"shop","com.docker.compose.service":"worker"}},\
        "NetworkSettings":{"Networks":{"shop_default":{"IPAddress":"172.18.0.4","Gateway":"172.18.0.1"}}},\
        "Mounts":[{"Type":"volume","Source":"shop_data","Destination":"/srv/data","RW":true}]}
        """

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
        case .inspect, .inspectShown, .inspectLoading:
            var view = InspectView(containerID: F.workerID, name: "shop-worker-1", session: 1)
            if self.view != .inspectLoading { view.text = InspectText(json: Self.inspectJSON) }
            view.top = 20
            if self.view == .inspectShown {
                view.showSecrets = true
                view.search = "token"
                view.hit = 28
            }
            state.overlay = .inspect(view)
        case .tableMarks, .dialogMarked:
            state.marked = [F.workerID, F.minerID, F.debugShellID]
            state.overlay = .none
            if view == .dialogMarked {
                var dialog = Dialog(.stop([F.target(4), F.target(5), F.target(6)], action: "kill"))
                dialog.fromMarks = true
                state.overlay = .dialog(dialog)
            }
        case .proposalMarked:
            // The worker and the exited migration: same image, same project, names that start alike.
            let all = RowBuilder(showStopped: true).rows(data)
            let rows = all.filter { [F.workerID, F.containers[9].id].contains($0.id) }
            var proposal = DashboardMachine.markedProposal(rows)
            proposal.note = DashboardMachine.proposalNote(
                proposal, context: .init(data: data, rows: all))
            state.marked = Set(rows.map(\.id))
            state.overlay = .proposal(proposal)
        case .tableGroups:
            state.overlay = .none
            state.table.groupByProject = true
            state.table.showStopped = true
            state.marked = [F.workerID]
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
