import DockerEngine
import Foundation
import TestSupport
import Testing

extension EnforcementTests {
    /// The value of one sample line (`name{labels} value`) in a Prometheus text page.
    static func sample(_ page: String, _ series: String) -> Double? {
        for line in page.split(separator: "\n") where line.hasPrefix(series + " ") {
            return Double(line.dropFirst(series.count + 1))
        }
        return nil
    }

    @Test("/metrics moves with real enforcement: violations, actions, latency, containers by verdict")
    func metrics() async throws {
        let client = try TestEngine.client()
        let guardian = try await DockerGuardProcess(
            engineHost: TestEngine.host, allowList: Self.baseList,
            extraArguments: ["--mode", "enforce", "--action", "kill"])
        #expect(await guardian.probe.waitUntilReady() != nil)
        let before = try await guardian.probe.get("/metrics")
        #expect(before.status == 200)
        #expect(before.headers["content-type"]?.hasPrefix("text/plain") == true)
        #expect(Self.sample(before.text, "dockerguard_engine_connected") == 1)
        #expect(Self.sample(before.text, "dockerguard_allowlist_rules") == 1)
        // Counted from what the page says now: the suite's other enforce tests run beside this one,
        // and their victims on the shared engine are this guard's to kill too.
        let killed = #"dockerguard_actions_total{action="kill",result="done"}"#
        let (killedBefore, violationsBefore, latencyBefore) = (
            Self.sample(before.text, killed) ?? -1,
            Self.sample(before.text, #"dockerguard_violations_total{mode="enforce"}"#) ?? 0,
            Self.sample(before.text, "dockerguard_enforcement_latency_seconds_count") ?? 0
        )
        #expect(killedBefore >= 0)

        let names = (1...2).map { _ in Self.victimName("metrics") }
        defer { TestEngine.forceRemove(names) }
        for name in names { try await TestEngine.runContainer(client, name: name) }
        let counted = await eventually(timeout: .seconds(5)) {
            let page = (try? await guardian.probe.get("/metrics").text) ?? ""
            return (Self.sample(page, killed) ?? 0) >= killedBefore + 2
        }
        #expect(counted != nil)
        let page = try await guardian.probe.get("/metrics").text
        #expect((Self.sample(page, #"dockerguard_violations_total{mode="enforce"}"#) ?? 0) >= violationsBefore + 2)
        #expect((Self.sample(page, "dockerguard_enforcement_latency_seconds_count") ?? 0) >= latencyBefore + 2)
        #expect((Self.sample(page, "dockerguard_engine_events_total") ?? 0) >= 4)
        #expect((Self.sample(page, #"dockerguard_containers{state="exited",verdict="violating"}"#) ?? 0) >= 2)
        #expect((Self.sample(page, #"dockerguard_http_requests_total{route="/metrics",status="200"}"#) ?? 0) >= 2)
        #expect(await guardian.terminate() == 0)
    }
}
