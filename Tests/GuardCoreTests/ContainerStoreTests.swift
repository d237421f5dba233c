import DockerEngine
import GuardCore
import Testing

@Suite("ContainerStore snapshots")
struct ContainerStoreTests {
    @Test("every change makes a new version; no-op writes do not")
    func versions() async {
        let store = ContainerStore(endpoint: "unix:///test.sock")
        #expect(store.current.version == 0)
        #expect(!store.current.isSynced)
        await store.replaceAll(with: [Fixtures.record("web")], at: 1)
        let synced = store.current
        #expect(synced.isSynced)
        #expect(synced.containers.map(\.displayName) == ["web"])
        await store.setConnection(.connected)
        #expect(store.current.version == synced.version + 1)
        await store.setConnection(.connected)
        #expect(store.current.version == synced.version + 1)
        let web = Fixtures.record("web")
        #expect(await store.apply(Fixtures.event("kill", id: web.id)) == .unchanged)
        #expect(store.current.version == synced.version + 1)
        #expect(await store.apply(Fixtures.event("die", id: web.id)) == .changed)
        #expect(store.current.version == synced.version + 2)
        #expect(store.current.running.isEmpty)
    }

    @Test("snapshots are immutable: a held snapshot does not change under its holder")
    func immutable() async {
        let store = ContainerStore(endpoint: "x")
        await store.replaceAll(with: [Fixtures.record("web")], at: 1)
        let held = store.current
        await store.remove(id: Fixtures.record("web").id)
        #expect(held.containers.count == 1)
        #expect(store.current.containers.isEmpty)
    }

    @Test("a subscriber gets the current snapshot at once, then the newest after a burst")
    func coalescing() async {
        let store = ContainerStore(endpoint: "x")
        var iterator = store.snapshots().makeAsyncIterator()
        #expect(await iterator.next()?.version == 0)
        // A burst of 50 changes while the subscriber is busy elsewhere ...
        for index in 0..<50 { await store.upsert(Fixtures.record("c\(index)", id: "id\(index)")) }
        // ... arrives as one wake-up carrying the latest version.
        let next = await iterator.next()
        #expect(next?.version == 50)
        #expect(next?.containers.count == 50)
    }

    @Test("connection state is part of the snapshot")
    func connection() async {
        let store = ContainerStore(endpoint: "unix:///x.sock")
        await store.setConnection(.reconnecting(error: "connection refused"))
        #expect(store.current.engine.connection.lastError == "connection refused")
        #expect(!store.current.isReady)
        await store.replaceAll(with: [], at: 1)
        await store.setConnection(.connected)
        #expect(store.current.isReady)
    }

    /// The fourth trial: each failed retry of an outage moved the ETag and sent watchers an event
    /// with nothing changed. A retry failing as the last did publishes nothing; a new reason does.
    @Test func retriesFailingAlikePublishNothing() async {
        let store = ContainerStore(endpoint: "unix:///x.sock")
        await store.replaceAll(with: [], at: 1)
        await store.setConnection(.reconnecting(error: "connection refused"))
        let version = store.current.version
        await store.setConnection(.reconnecting(error: "connection refused"))
        await store.setConnection(.reconnecting(error: "connection refused"))
        #expect(store.current.version == version)
        await store.setConnection(.reconnecting(error: "no such file or directory"))
        #expect(store.current.version == version + 1)
        #expect(store.current.engine.connection.lastError == "no such file or directory")
    }
}
