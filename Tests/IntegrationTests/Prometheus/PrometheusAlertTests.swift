import Foundation
import TestSupport
import Testing

/// The shipped rules and dashboard in a real Prometheus scraping a real `dockerguard run`. The
/// engine-down test crashes an engine of its own, so the other suites' engine is never disturbed.
@Suite(
    "Prometheus: the shipped rules and dashboard against a live guard",
    .enabled(if: TestEngine.isAvailable, "needs scripts/test's private engine"),
    .enabled(if: PrometheusServer.isInstalled, "needs Debian's prometheus (scripts/test installs it)"),
    .timeLimit(.minutes(5)))
struct PrometheusAlertTests {
    static let rulesPath = RepositoryPaths.root + "/deploy/prometheus/dockerguard-rules.yaml"
    static let dashboardPath = RepositoryPaths.root + "/deploy/grafana/dockerguard.json"
    static let engineDown = "DockerguardEngineDown"

    /// The shipped rules with the engine-down alert's `for: 2m` shortened to `for: 5s`.
    static func testRules() throws -> String {
        let text = try String(contentsOfFile: rulesPath, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let alert = lines.firstIndex(where: { $0.hasSuffix("- alert: \(engineDown)") }) else {
            throw TestFailure("no \(engineDown) in \(rulesPath)")
        }
        // Its own rule only: up to the next one.
        let end = lines[(alert + 1)...].firstIndex { $0.contains("- alert: ") || $0.contains("- record: ") }
        guard
            let duration = lines[alert..<(end ?? lines.endIndex)].firstIndex(where: {
                $0.trimmingCharacters(in: .whitespaces) == "for: 2m"
            })
        else { throw TestFailure("no `for: 2m` under \(engineDown) in \(rulesPath)") }
        lines[duration] = lines[duration].replacingOccurrences(of: "2m", with: "5s")
        return lines.joined(separator: "\n")
    }

    @Test("engine-down alert: pending, firing, then resolved across an engine crash; every panel's query runs")
    func engineDownAlert() async throws {
        let engine = try await OwnEngine.start()
        do {
            try await engineDownAlert(engine)
        } catch {
            engine.stop()
            throw error
        }
        engine.stop()
    }

    func engineDownAlert(_ engine: OwnEngine) async throws {
        let guardian = try await DockerGuardProcess(engineHost: engine.host, allowList: "name=web-*\n")
        #expect(await guardian.probe.waitUntilReady(timeout: .seconds(20)) != nil, "\(guardian.log)")
        let target = String(guardian.probe.baseURL.dropFirst("http://".count))
        let prometheus = try await PrometheusServer(scraping: target, rules: try Self.testRules())

        // Scraped, and the rules evaluated on what was scraped (a recorded series exists): nothing
        // fires on a healthy guard.
        let scraped = await eventually(timeout: .seconds(60)) {
            let connected = try? await prometheus.query(#"dockerguard_engine_connected{job="dockerguard"} == 1"#)
            let recorded = try? await prometheus.query("instance_mode:dockerguard_violations:rate5m")
            return connected?.count == 1 && recorded?.isEmpty == false
        }
        #expect(scraped != nil, "never scraped; prometheus log:\n\(prometheus.log)")
        let healthy = try await prometheus.alerts()
        #expect(healthy.isEmpty, "alerts on a healthy guard: \(healthy.map(\.name))")
        try await Self.checkDashboard(prometheus)

        _ = try await TestEngine.dockerPrivate("kill", engine.directory)
        func engineDown() async -> PrometheusServer.Alert? {
            (try? await prometheus.alerts())?.first { $0.name == Self.engineDown }
        }
        let firing = await eventually(timeout: .seconds(60)) { await engineDown()?.state == "firing" }
        #expect(firing != nil, "never firing; guard log:\n\(guardian.log)")
        // Pending first, for the rule's `for:`: Prometheus's own record of each evaluation's state
        // (ALERTS), so a test thread starved for a few seconds cannot miss the window.
        let pendingSamples = try await prometheus.query(
            #"count_over_time(ALERTS{alertname="\#(Self.engineDown)",alertstate="pending"}[10m])"#)
        #expect((pendingSamples.first?.value ?? 0) >= 1, "pending evaluations: \(pendingSamples)")
        let alert = await engineDown()
        #expect(alert?.labels["severity"] == "critical")
        #expect(alert?.labels["instance"] == target)
        #expect(alert?.annotations["summary"] == "dockerguard on \(target) has lost its Docker engine.")
        #expect(alert?.annotations["description"]?.contains("systemctl status docker") == true)

        _ = try await TestEngine.dockerPrivate("start", engine.directory)
        let resolved = await eventually(timeout: .seconds(60)) {
            guard let alerts = try? await prometheus.alerts() else { return false }
            return !alerts.contains { $0.name == Self.engineDown }
        }
        #expect(resolved != nil, "still alerting after the engine came back; guard log:\n\(guardian.log)")
        #expect(try await prometheus.query(#"dockerguard_engine_connected == 1"#).count == 1)
        await prometheus.stop()
        #expect(await guardian.terminate() == 0)
    }

    /// The process and build series are scraped, and every panel's query runs in this Prometheus
    /// (with the recording rules loaded).
    static func checkDashboard(_ prometheus: PrometheusServer) async throws {
        let memory = try await prometheus.query(#"process_resident_memory_bytes{job="dockerguard"} > 0"#)
        #expect(memory.count == 1, "\(memory)")
        let build = try await prometheus.query(#"dockerguard_build_info{job="dockerguard"}"#)
        #expect(build.first?.value == 1 && build.first?.labels["swift_version"]?.isEmpty == false, "\(build)")
        let mode = try await prometheus.query(#"dockerguard_enforcement_mode{mode="audit"}"#)
        #expect(mode.first?.value == 1, "\(mode)")

        let data = try Data(contentsOf: URL(fileURLWithPath: Self.dashboardPath))
        let dashboard = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let expressions = Self.panelExpressions(dashboard["panels"] as? [[String: Any]] ?? [])
        #expect(expressions.count > 20)
        for (title, expression) in expressions {
            let query =
                expression
                .replacingOccurrences(of: "$__rate_interval", with: "1m")
                .replacingOccurrences(of: "$instance", with: ".+")
            do { _ = try await prometheus.query(query) } catch { Issue.record("panel \(title): \(error)") }
        }
    }

    static func panelExpressions(_ panels: [[String: Any]]) -> [(String, String)] {
        panels.flatMap { panel in
            let title = panel["title"] as? String ?? "?"
            let own = (panel["targets"] as? [[String: Any]] ?? []).compactMap { $0["expr"] as? String }.map {
                (title, $0)
            }
            return own + panelExpressions(panel["panels"] as? [[String: Any]] ?? [])
        }
    }

    @Test("promtool check metrics passes on a live /metrics page with a real engine")
    func promtoolCheckMetrics() async throws {
        // The other suites' engine: readonly, so that enforce mode never acts on their containers.
        let config = NSTemporaryDirectory() + "dg-readonly-\(UUID().uuidString.prefix(8)).yaml"
        try "mode: enforce\nreadonly: true\n".write(toFile: config, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: config) }
        let guardian = try await DockerGuardProcess(
            engineHost: TestEngine.host, allowList: "name=dgtest-*\n", extraArguments: ["--config", config])
        #expect(await guardian.probe.waitUntilReady(timeout: .seconds(20)) != nil, "\(guardian.log)")
        _ = try await guardian.probe.get("/metrics")
        let page = try await guardian.probe.get("/metrics").text
        #expect(page.contains("\nprocess_cpu_seconds_total "))
        #expect(page.contains(#"dockerguard_enforcement_mode{mode="enforce"} 1.0"# + "\n"))
        #expect(page.contains("\ndockerguard_readonly 1.0\n"))
        let file = guardian.home + "/metrics.txt"
        try page.write(toFile: file, atomically: true, encoding: .utf8)
        let lint = try await Subprocess.run("/bin/sh", ["-c", "promtool check metrics < '\(file)'"])
        #expect(lint.status == 0, "promtool: \(lint.stdout)\(lint.stderr)")
        #expect(lint.stdout.isEmpty && lint.stderr.isEmpty, "promtool: \(lint.stdout)\(lint.stderr)")
        #expect(await guardian.terminate() == 0)
    }
}
