import Foundation
import GuardCore
import GuardTUI

/// `dockerguard-tui --bench-render N`: what a frame costs with N containers at 120×40, without a
/// terminal, as one JSON object for scripts/bench-tui. Two kinds of frame, as `DashboardLoop` draws
/// them:
/// - `changed`: the data changed (one container restarts before each frame), so the table is built
///   again: the restarted container judged (the others' decisions kept, as the dashboard keeps
///   them), every row filtered and sorted (`judge_sort`), then the screen is rendered (`render`);
/// - `unchanged`: only the selection moved, so the cached table is rendered again.
/// Neither includes writing the cells to the terminal (ncurses' diff and output).
enum RenderBenchmark {
    static let width = 120
    static let height = 40

    static func run(rows count: Int, iterations: Int = 200) -> String {
        var data = SyntheticHost.data(count: count)
        var state = UIState()
        var changed: [Double] = []
        var judgeSort: [Double] = []
        var render: [Double] = []
        var unchanged: [Double] = []
        let warmUp = 10  // the first frames warm caches
        var counts = DashboardCounts()
        let memo = DecisionMemo()  // as the dashboard keeps it: the restarted container is judged again
        for iteration in 0..<(iterations + warmUp) {
            data.snapshot = SyntheticHost.restartOne(data.snapshot, iteration: iteration)
            let start = DashboardLoop.now()
            let table = state.table.table(data, memo: memo)
            let judged = DashboardLoop.now()
            draw(data, &state, table)
            let drawn = DashboardLoop.now()
            // The selection moves one row down: the table stays, the screen is drawn again.
            state.selectedID = table.rows.isEmpty ? nil : table.rows[iteration % table.rows.count].id
            draw(data, &state, table)
            let moved = DashboardLoop.now()
            counts = table.counts
            guard iteration >= warmUp else { continue }
            changed.append(drawn - start)
            judgeSort.append(judged - start)
            render.append(drawn - judged)
            unchanged.append(moved - drawn)
        }
        let report = Report(
            containers: count, running: counts.running, allowed: counts.allowed, violating: counts.violating,
            width: width, height: height, frames: iterations,
            changed: Timing(changed), judgeSort: Timing(judgeSort), render: Timing(render),
            unchanged: Timing(unchanged))
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys]
        guard let json = try? encoder.encode(report) else { preconditionFailure("a Report always encodes") }
        return String(decoding: json, as: UTF8.self)
    }

    private static func draw(_ data: DashboardData, _ state: inout UIState, _ table: DashboardTable) {
        DashboardMachine.reconcile(&state, rows: table.rows)
        let screen = DashboardRenderer.render(
            data: data, state: state, rows: table.rows, width: width, height: height,
            glyphs: .forLocale(utf8: true), counts: table.counts)
        precondition(screen.width == width)
    }

    struct Report: Encodable {
        /// The host: all containers, the running ones (the rows shown) and their verdicts.
        var containers, running, allowed, violating: Int
        var width, height, frames: Int
        var changed, judgeSort, render, unchanged: Timing
    }

    /// Milliseconds over the measured frames; percentiles by nearest rank.
    struct Timing: Encodable {
        var medianMs, p90Ms, p99Ms, maxMs: Double

        init(_ seconds: [Double]) {
            let sorted = seconds.sorted()
            func rank(_ fraction: Double) -> Double {
                let index = Int((fraction * Double(sorted.count)).rounded(.up)) - 1
                return (sorted[max(0, min(sorted.count - 1, index))] * 1e6).rounded() / 1000
            }
            medianMs = rank(0.5)
            p90Ms = rank(0.9)
            p99Ms = rank(0.99)
            maxMs = rank(1)
        }
    }
}

/// A host as an operator has it: every container with its own ID, name, image reference and image
/// ID, Compose labels, a tenth of them stopped, and an allow-list of the usual kinds of rule (so a
/// verdict walks several rules, and every image reference is parsed on its own).
enum SyntheticHost {
    static let services = ["web", "api", "worker", "db", "cache", "queue", "auth", "search", "proxy", "cron"]
    static let allowList = """
        # the kinds of rule an operator writes
        name=shop0-web-*
        name=shop1-*
        image=registry.example.com/team-1/*
        image=nginx:1*
        image=redis:*
        label=com.example.tier=frontend
        name=*-db-* image=postgres:*
        name=*-cron-* keep-running
        image-id=sha256:0000
        id=ffff
        label=com.docker.compose.project=shop3 image=ghcr.io/example/*
        """

    static func data(count: Int) -> DashboardData {
        let path = "/etc/dockerguard/allowlist"
        guard case .success(let list) = AllowList.parse(allowList, path: path) else {
            preconditionFailure("the benchmark's allow-list parses")
        }
        return DashboardData(
            snapshot: ContainerSnapshot(
                version: 1, containers: (0..<count).map(record).sorted { $0.name < $1.name },  // the store's order
                engine: EngineStatus(endpoint: "unix:///var/run/docker.sock", connection: .connected),
                isSynced: true, lastSyncAt: 0),
            policy: PolicyState.Current(allowList: list, version: 1, path: path, loadError: nil, loadedAt: 0),
            enforcer: EnforcerStatus(mode: .audit, action: .stop, readonly: false),
            api: .serving(address: "127.0.0.1:8080"), now: 1_764_064_800)
    }

    /// The next snapshot: one container restarted (a new start time), as an event would bring it.
    static func restartOne(_ snapshot: ContainerSnapshot, iteration: Int) -> ContainerSnapshot {
        var containers = snapshot.containers
        if !containers.isEmpty {
            containers[iteration % containers.count].startedAt = "2026-11-25T10:\(twoDigits(iteration % 60)):00Z"
        }
        return ContainerSnapshot(
            version: snapshot.version + 1, containers: containers, engine: snapshot.engine, isSynced: true,
            lastSyncAt: snapshot.lastSyncAt)
    }

    static func record(_ index: Int) -> ContainerRecord {
        let service = services[index % services.count]
        let project = "shop\(index % 9)"
        let started = "2026-11-\(twoDigits(10 + index % 15))T\(twoDigits(index % 24)):\(twoDigits(index % 60)):00Z"
        return ContainerRecord(
            id: hex64(index, salt: 1), name: "/\(project)-\(service)-\(index)", imageRef: imageRef(index, service),
            imageID: "sha256:" + hex64(index, salt: 2), state: index % 10 == 9 ? "exited" : "running",
            createdAt: started, startedAt: started,
            labels: [
                "com.docker.compose.project": project, "com.docker.compose.service": service,
                "com.example.tier": ["frontend", "backend", "data"][index % 3],
            ])
    }

    static func imageRef(_ index: Int, _ service: String) -> String {
        switch index % 4 {
        case 0: "registry.example.com/team-\(index % 7)/\(service):1.\(index)"
        case 1: "\(["nginx", "redis", "postgres", "busybox"][index / 4 % 4]):\(index % 30).\(index)"
        case 2: "ghcr.io/example/\(service)-\(index):v\(index % 12)"
        default: "docker.io/library/\(service)\(index)@sha256:" + hex64(index, salt: 3)
        }
    }

    /// 64 hex digits that differ for every index (SplitMix64), like the engine's IDs.
    static func hex64(_ index: Int, salt: UInt64) -> String {
        var state = UInt64(index) &* 0x9E37_79B9_7F4A_7C15 &+ salt &* 0xD1B5_4A32_D192_ED03
        return (0..<4).map { _ in
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            let digits = String(z ^ (z >> 31), radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }.joined()
    }

    static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
