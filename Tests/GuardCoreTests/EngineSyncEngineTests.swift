import DockerEngine
import GuardCore
import Logging
import TestSupport
import Testing

/// EngineSync keeping a store equal to the private engine.
@Suite(
    "EngineSync against the real engine", .enabled(if: TestEngine.isAvailable, "needs scripts/test's private engine"),
    .timeLimit(.minutes(2)))
struct EngineSyncEngineTests {
    @Test("first sync lists what runs; events then add, update and remove containers")
    func followsTheEngine() async throws {
        let client = try TestEngine.client()
        let before = TestEngine.uniqueName("sync-before")
        let after = TestEngine.uniqueName("sync-after")
        defer { TestEngine.forceRemove([before, after]) }
        let beforeID = try await TestEngine.runContainer(client, name: before)

        let store = ContainerStore(endpoint: client.endpoint.description)
        let sync = EngineSync(client: client, store: store, logger: Logger.quiet)
        let task = Task { try await sync.run() }
        defer { task.cancel() }

        // Generous waits: this runs in the test process, beside the CPU-heavy parser tests that
        // can hold both cores for seconds; they bound liveness, the speed is benchmarked elsewhere.
        #expect(await eventually(timeout: .seconds(30)) { store.current.isReady } != nil)
        #expect(store.current.containers.contains { $0.id == beforeID && $0.isRunning })

        let afterID = try await TestEngine.runContainer(client, name: after)
        #expect(
            await eventually(timeout: .seconds(30)) {
                store.current.containers.contains { $0.id == afterID && $0.isRunning }
            } != nil)
        let record = try #require(store.current.containers.first { $0.id == afterID })
        #expect(record.name == "/" + after)
        #expect(record.imageID == (try await TestEngine.docker("container", "inspect", "-f", "{{.Image}}", afterID)))

        try await client.stopContainer(afterID, timeout: 0)
        #expect(
            await eventually(timeout: .seconds(30)) {
                store.current.containers.first { $0.id == afterID }?.state == "exited"
            } != nil)

        try await client.removeContainer(afterID)
        #expect(
            await eventually(timeout: .seconds(30)) { !store.current.containers.contains { $0.id == afterID } } != nil)
    }
}
