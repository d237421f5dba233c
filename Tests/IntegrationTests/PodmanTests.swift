import DockerEngine
import Foundation
import TestSupport
import Testing

/// `dockerguard run` against Podman's Docker-compatible API (scripts/test's private Podman). One
/// test at a time: the enforcing one acts on every container of that Podman.
@Suite(
    "Podman's Docker API", .enabled(if: PodmanEngine.isAvailable, "needs scripts/test's private Podman"),
    .serialized, .timeLimit(.minutes(3)))
struct PodmanTests {
    /// Allows the kept containers by name and by the image's short name, which Podman reports as
    /// `localhost/busybox:local`.
    static let allowList = "image=busybox:local name=dgtest-pm-keep-*\n"

    @Test("the dialect from /_ping, the image's short name, no Health without a health check")
    func client() async throws {
        let client = try TestEngine.client(host: PodmanEngine.host)
        let version = try await client.negotiate()
        #expect(client.dialect?.isPodman == true)
        #expect(version.displayVersion.hasPrefix("Podman "), "\(version)")
        let id = try await TestEngine.runContainer(client, name: TestEngine.uniqueName("pm-keep-client"))
        defer { TestEngine.forceRemove([id], host: PodmanEngine.host) }
        let details = try await client.inspectContainer(id)
        #expect(details.config.image == "localhost/busybox:local", "what Podman reports, kept as it is")
        #expect(details.state.health == nil, "Podman's empty Health is no health check")
        let image = try await client.inspectImage(details.image)
        #expect(image.repoTags.contains("localhost/busybox:local") && image.repoTags.contains("busybox:local"))
    }

    @Test("list, events (create, start, remove) and judging: an image= rule matches Podman's localhost/ name")
    func listAndEvents() async throws {
        let client = try TestEngine.client(host: PodmanEngine.host)
        let kept = try await TestEngine.runContainer(client, name: TestEngine.uniqueName("pm-keep"))
        defer { TestEngine.forceRemove([kept], host: PodmanEngine.host) }
        let guardian = try await DockerGuardProcess(
            engineHost: PodmanEngine.host, allowList: Self.allowList, extraArguments: ["--mode", "audit"])
        defer { guardian.terminateInBackground() }
        #expect(await guardian.probe.waitUntilReady() != nil, "\(guardian.log)")
        #expect(guardian.log.contains("Podman "), "the log names the engine; log:\n\(guardian.log)")

        let listed = await eventually(timeout: .seconds(30)) {
            (try? await guardian.probe.containers())?[kept]?["allowed"] as? Bool == true
        }
        #expect(listed != nil, "the first sync's container not listed as allowed; log:\n\(guardian.log)")
        let image = (try? await guardian.probe.containers())?[kept]?["image"] as? String
        #expect(image?.hasPrefix("sha256:") == true, "the contract's image is the ID: \(image ?? "none")")

        let victimName = TestEngine.uniqueName("pm-victim")
        defer { TestEngine.forceRemove([victimName], host: PodmanEngine.host) }
        let victim = try await TestEngine.runContainer(client, name: victimName)
        let judged = await eventually(timeout: .seconds(30)) {
            (try? await guardian.probe.containers())?[victim]?["allowed"] as? Bool == false
        }
        #expect(judged != nil, "the new container not judged; log:\n\(guardian.log)")
        #expect(await PodmanEngine.state(victim) == "running", "audit mode leaves it running")

        // Podman says `remove` where Docker says `destroy`: the container leaves the table all the same.
        _ = try await TestEngine.docker("rm", "-f", victim, host: PodmanEngine.host)
        let gone = await eventually(timeout: .seconds(30)) {
            guard let all = try? await guardian.probe.containers("?all=true") else { return false }
            return all[victim] == nil && all[kept] != nil
        }
        #expect(gone != nil, "the removed container is still listed; log:\n\(guardian.log)")
    }

    @Test("enforce: a disallowed container is stopped, an allowed one keeps running")
    func enforce() async throws {
        let client = try TestEngine.client(host: PodmanEngine.host)
        let guardian = try await DockerGuardProcess(
            engineHost: PodmanEngine.host, allowList: Self.allowList,
            extraArguments: ["--mode", "enforce", "--action", "stop", "--stop-timeout", "1"])
        defer { guardian.terminateInBackground() }
        #expect(await guardian.probe.waitUntilReady() != nil, "\(guardian.log)")
        let kept = try await TestEngine.runContainer(client, name: TestEngine.uniqueName("pm-keep-enforce"))
        let victim = try await TestEngine.runContainer(client, name: TestEngine.uniqueName("pm-victim-enforce"))
        defer { TestEngine.forceRemove([kept, victim], host: PodmanEngine.host) }

        let stopped = await eventually(timeout: .seconds(30)) { await PodmanEngine.state(victim) == "exited" }
        #expect(stopped != nil, "the disallowed container still runs; log:\n\(guardian.log)")
        let record = await guardian.audit(within: .seconds(20)) { $0["container_id"] as? String == victim }
        #expect(record != nil, "no audit line for \(victim)")
        #expect(await PodmanEngine.state(kept) == "running")
        #expect(await guardian.terminate() == 0)
    }
}
