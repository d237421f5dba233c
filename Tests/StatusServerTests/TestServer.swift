import GuardCore
import Logging
import ServiceLifecycle
import StatusServer
import TestSupport

/// Runs the status API on a free loopback port around `body`, serving `store`.
func withStatusServer(
    _ store: ContainerStore, policy: PolicyState? = nil, logger: Logger = .quiet,
    _ body: (HTTPProbe) async throws -> Void
) async throws {
    try await withAPIServer(store, policy: policy, logger: logger) { address, _ in
        try await body(HTTPProbe(baseURL: "http://\(address)"))
    }
}

/// Runs the API on a free loopback port, giving `body` the port and the server (for its hub).
func withWatchServer(
    _ store: ContainerStore, policy: PolicyState? = nil, clientBuffer: Int = 1024,
    heartbeat: Duration = .seconds(15), dropGrace: Duration = .seconds(30),
    _ body: (Int, StatusAPIServer) async throws -> Void
) async throws {
    try await withAPIServer(
        store, policy: policy, clientBuffer: clientBuffer, heartbeat: heartbeat, dropGrace: dropGrace
    ) {
        address, server in
        try await body(address.port, server)
    }
}

/// The API around `body`: started on a free loopback port, shut down gracefully on every path.
private func withAPIServer(
    _ store: ContainerStore, policy: PolicyState? = nil, clientBuffer: Int = 1024,
    heartbeat: Duration = .seconds(15), dropGrace: Duration = .seconds(30), logger: Logger = .quiet,
    _ body: (ListenAddress, StatusAPIServer) async throws -> Void
) async throws {
    let bound = AsyncStream<ListenAddress>.makeStream()
    let server = StatusAPIServer(
        store: store, policy: policy, listen: ListenAddress(host: "127.0.0.1", port: 0), version: "test",
        watchClientBuffer: clientBuffer, watchHeartbeat: heartbeat, watchDropGrace: dropGrace, logger: logger,
        onListening: { address in bound.continuation.yield(address) })
    let group = ServiceGroup(services: [server.application()], logger: Logger.quiet)
    try await withThrowingTaskGroup(of: Void.self) { tasks in
        tasks.addTask { try await group.run() }
        var addresses = bound.stream.makeAsyncIterator()
        guard let address = await addresses.next() else { throw TestFailure("server did not start") }
        do {
            try await body(address, server)
        } catch {
            await group.triggerGracefulShutdown()
            throw error
        }
        await group.triggerGracefulShutdown()
        try await tasks.waitForAll()
    }
}

/// A store as it looks after a sync: two running containers and one exited.
func syncedStore(connection: EngineConnection = .connected) async -> ContainerStore {
    let store = ContainerStore(endpoint: "unix:///var/run/docker.sock")
    let web = ContainerRecord(
        id: String(repeating: "a", count: 64), name: "/web", imageRef: "nginx:1.27",
        imageID: "sha256:" + String(repeating: "1", count: 64), state: "running",
        createdAt: "2026-11-25T10:00:00.1Z", startedAt: "2026-11-25T10:00:01.2Z", labels: ["tier": "front"],
        command: ["nginx", "-g", "daemon off;"], restartPolicy: "always")
    let db = ContainerRecord(
        id: String(repeating: "b", count: 64), name: "/db", imageRef: "postgres:16",
        imageID: "sha256:" + String(repeating: "2", count: 64), state: "running",
        createdAt: "2026-11-25T10:00:00.1Z", startedAt: "2026-11-25T10:00:02Z", health: "healthy")
    let job = ContainerRecord(
        id: String(repeating: "c", count: 64), name: "/job", imageRef: "busybox:local",
        imageID: "sha256:" + String(repeating: "3", count: 64), state: "exited",
        createdAt: "2026-11-25T10:00:00.1Z", startedAt: "2026-11-25T10:00:03Z", finishedAt: "2026-11-25T10:00:04Z",
        exitCode: 1)
    await store.replaceAll(with: [web, db, job], at: 1_795_600_000)
    await store.setEngineVersion("28.2.2", apiVersion: "1.41")
    await store.setConnection(connection)
    return store
}
