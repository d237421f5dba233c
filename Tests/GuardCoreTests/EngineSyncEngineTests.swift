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

    @Test("a resync every 200 ms beside the events leaves the store equal to the engine")
    func resyncBesideEvents() async throws {
        let client = try TestEngine.client()
        let names = (0..<6).map { TestEngine.uniqueName("sync-churn-\($0)") }
        defer { TestEngine.forceRemove(names) }
        let store = ContainerStore(endpoint: client.endpoint.description)
        var configuration = EngineSync.Configuration()
        configuration.resyncInterval = .milliseconds(200)
        let sync = EngineSync(client: client, store: store, configuration: configuration, logger: Logger.quiet)
        let task = Task { try await sync.run() }
        defer { task.cancel() }
        #expect(await eventually(timeout: .seconds(30)) { store.current.isReady } != nil)

        var ids: [String] = []
        for name in names { ids.append(try await TestEngine.runContainer(client, name: name)) }
        try await client.stopContainer(ids[1], timeout: 0)
        try await client.stopContainer(ids[2], timeout: 0)
        try await client.removeContainer(ids[2])
        try await client.removeContainer(ids[3], force: true)
        // What the engine says now, against what the store shows, through several resyncs.
        let expected: [String: String] = [ids[0]: "running", ids[1]: "exited", ids[4]: "running", ids[5]: "running"]
        let shown = {
            Dictionary(
                uniqueKeysWithValues: store.current.containers.filter { ids.contains($0.id) }.map { ($0.id, $0.state) })
        }
        #expect(await eventually(timeout: .seconds(30)) { shown() == expected } != nil, "\(shown())")
        // Two more: the second started after everything above.
        let resynced = await store.finishedSyncs
        #expect(await eventually(timeout: .seconds(30)) { await store.finishedSyncs >= resynced + 2 } != nil)
        #expect(shown() == expected)
    }

    @Test("a periodic resync inspects the containers whose listing disagrees, and only those")
    func lightResync() async throws {
        let client = try TestEngine.client()
        let names = [TestEngine.uniqueName("light-a"), TestEngine.uniqueName("light-b")]
        defer { TestEngine.forceRemove(names) }
        let a = try await TestEngine.runContainer(client, name: names[0])
        let b = try await TestEngine.runContainer(client, name: names[1])
        let store = ContainerStore(endpoint: client.endpoint.description)
        var configuration = EngineSync.Configuration()
        configuration.resyncInterval = .milliseconds(200)
        configuration.fullResyncEvery = 1_000_000  // only the first sync inspects everything
        let sync = EngineSync(client: client, store: store, configuration: configuration, logger: Logger.quiet)
        let task = Task { try await sync.run() }
        defer { task.cancel() }
        #expect(await eventually(timeout: .seconds(30)) { store.current.isReady } != nil)
        let recordA = try #require(store.current.containers.first { $0.id == a })
        let recordB = try #require(store.current.containers.first { $0.id == b })

        // What no event will correct: a state the listing contradicts, and a start time it cannot show.
        var wrongState = recordA
        wrongState.state = "exited"
        await store.upsert(wrongState)
        var wrongStart = recordB
        wrongStart.startedAt = "2000-01-01T00:00:00Z"
        await store.upsert(wrongStart)
        let synced = await store.finishedSyncs
        #expect(
            await eventually(timeout: .seconds(30)) {
                store.current.containers.first { $0.id == a }?.state == "running"
            } != nil, "the light resync inspected the container whose state the listing contradicts")
        #expect(await eventually(timeout: .seconds(30)) { await store.finishedSyncs >= synced + 2 } != nil)
        #expect(
            store.current.containers.first { $0.id == b }?.startedAt == "2000-01-01T00:00:00Z",
            "a container whose listing agrees is not inspected")
    }
}
