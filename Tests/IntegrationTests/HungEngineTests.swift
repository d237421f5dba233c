import DockerEngine
import Foundation
import TestSupport
import Testing

/// An engine that accepts connections and never answers (its dockerd stopped with SIGSTOP) while
/// `dockerguard run` watches it (issue 13, item 5). The engine is the test's own, so the other
/// suites' engine never stalls; it is continued on every exit path, before it is stopped.
@Suite(
    "dockerguard run against a hung engine",
    .enabled(if: TestEngine.isAvailable, "needs scripts/test's private engine"), .timeLimit(.minutes(3)))
struct HungEngineTests {
    @Test("a silent engine makes /readyz 503 'engine not answering for N s' and the log say so; it recovers")
    func hungEngineIsNoticedAndRecovered() async throws {
        let ownEngine = try await OwnEngine.start()
        defer { ownEngine.stop() }
        let pidText = try String(contentsOfFile: ownEngine.directory + "/dockerd.pid", encoding: .utf8)
        let dockerd = try #require(Int32(pidText.trimmingCharacters(in: .whitespacesAndNewlines)))
        let client = try TestEngine.client(host: ownEngine.host)
        let before = try await TestEngine.runContainer(client, name: "before")

        let guardian = try await DockerGuardProcess(engineHost: ownEngine.host)
        let api = guardian.probe
        #expect(await api.waitUntilReady() != nil, "\(guardian.log)")

        kill(dockerd, SIGSTOP)
        var stopped = true
        defer { if stopped { kill(dockerd, SIGCONT) } }
        let silent = await eventually(timeout: .seconds(60)) {
            guard let answer = try? await api.get("/readyz"), answer.status == 503 else { return false }
            return (try? answer.json()["reason"] as? String)?.hasPrefix("engine not answering for ") == true
        }
        #expect(silent != nil, "readyz never said the engine is silent; log:\n\(guardian.log)")
        #expect(guardian.log.contains("engine not answering for"), "\(guardian.log)")
        // The last snapshot is still served, as the engine's last word.
        #expect(try await api.containers()[before] != nil)

        kill(dockerd, SIGCONT)
        stopped = false
        #expect(await api.waitUntilReady(timeout: .seconds(30)) != nil, "did not recover; log:\n\(guardian.log)")
        // Logged just after the store says connected, which is what /readyz answers from.
        let said = await eventually(timeout: .seconds(10)) { guardian.log.contains("the engine answers again") }
        #expect(said != nil, "\(guardian.log)")
        // Recovered with a resync: a container started now is seen.
        let after = try await TestEngine.runContainer(client, name: "after")
        let listed = await eventually(timeout: .seconds(10)) { (try? await api.containers()[after]) != nil }
        #expect(listed != nil)
        #expect(await guardian.terminate() == 0)
    }
}
