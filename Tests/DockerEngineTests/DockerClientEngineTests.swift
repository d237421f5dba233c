import DockerEngine
import Foundation
import TestSupport
import Testing

/// The client against the private engine started by scripts/test.
@Suite(
    "DockerClient against the real engine", .enabled(if: TestEngine.isAvailable, "needs scripts/test's private engine"),
    .timeLimit(.minutes(1)))
struct DockerClientEngineTests {
    @Test("negotiates an API version the engine speaks and reports its version")
    func negotiate() async throws {
        let client = try TestEngine.client()
        let version = try await client.negotiate()
        let negotiated = try #require(client.negotiatedAPIVersion)
        #expect(negotiated <= APIVersion(version.apiVersion)!)
        #expect(version.version == (try await TestEngine.docker("version", "--format", "{{.Server.Version}}")))
    }

    @Test("create, start, inspect, list, rename, stop, start, kill, remove: each as the engine reports it")
    func lifecycle() async throws {
        let client = try TestEngine.client()
        let name = TestEngine.uniqueName("life")
        defer { TestEngine.forceRemove([name, name + "-renamed"]) }

        let id = try await TestEngine.runContainer(client, name: name, labels: ["dg.test": "yes"])
        let details = try await client.inspectContainer(id)
        #expect(details.id == id)
        #expect(details.name == "/" + name)
        #expect(details.state.status == "running")
        #expect(details.image == (try await TestEngine.docker("container", "inspect", "-f", "{{.Image}}", id)))
        #expect(details.config.labels?["dg.test"] == "yes")

        let listed = try await client.listContainers(filters: ["label": ["dg.test=yes"], "name": [name]])
        #expect(listed.map(\.id) == [id])
        #expect(listed.first?.names == ["/" + name])

        try await client.renameContainer(id, to: name + "-renamed")
        #expect(try await TestEngine.docker("container", "inspect", "-f", "{{.Name}}", id) == "/\(name)-renamed")

        try await client.stopContainer(id, timeout: 1)
        #expect(try await TestEngine.docker("container", "inspect", "-f", "{{.State.Status}}", id) == "exited")
        try await client.stopContainer(id, timeout: 1)  // already stopped: not an error

        try await client.startContainer(id)
        try await client.startContainer(id)  // already running: not an error
        try await client.killContainer(id)
        #expect(try await TestEngine.docker("container", "inspect", "-f", "{{.State.Status}}", id) == "exited")

        try await client.removeContainer(id, force: true)
        #expect(try await client.listContainers(all: true, filters: ["id": [id]]).isEmpty)
    }

    /// Stops wait out the grace period of a container that ignores SIGTERM (`sleep` as PID 1):
    /// nine at once must not hold the shared connections (eight over a unix socket), so a short
    /// call made meanwhile is answered before any of them.
    @Test("stops under way hold no shared connection: a call made meanwhile is answered first")
    func stopsHoldNoSharedConnection() async throws {
        let client = try TestEngine.client()
        let names = (0..<9).map { TestEngine.uniqueName("stop-\($0)") }
        defer { TestEngine.forceRemove(names) }
        var ids: [String] = []
        for name in names { ids.append(try await TestEngine.runContainer(client, name: name)) }
        let kills = try await client.events(filters: ["type": ["container"], "event": ["kill"], "container": names])
        let order = Order()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for id in ids {
                group.addTask {
                    try await client.stopContainer(id, timeout: 5)
                    await order.append("stop")
                }
            }
            // Every stop has reached the engine once it has sent each container its SIGTERM.
            var signalled = Set<String>()
            for try await event in kills {
                signalled.insert(event.actor.id)
                if signalled.count == ids.count { break }
            }
            _ = try await client.version()
            await order.append("version")
            try await group.waitForAll()
        }
        let items = await order.items
        #expect(items.first == "version", "\(items)")
    }

    actor Order {
        var items: [String] = []
        func append(_ item: String) { items.append(item) }
    }

    @Test("a missing container is notFound, carrying the engine's message")
    func notFound() async throws {
        let client = try TestEngine.client()
        await #expect {
            _ = try await client.inspectContainer("no-such-container-\(UUID().uuidString)")
        } throws: { error in
            guard case EngineError.notFound(let message) = error else { return false }
            return message.contains("No such container")
        }
    }

    @Test("removing a running container without force is a conflict")
    func conflict() async throws {
        let client = try TestEngine.client()
        let name = TestEngine.uniqueName("conflict")
        defer { TestEngine.forceRemove([name]) }
        let id = try await TestEngine.runContainer(client, name: name)
        await #expect {
            try await client.removeContainer(id)
        } throws: { error in
            if case EngineError.conflict = error { return true }
            return false
        }
    }

    @Test("an unreachable engine is a typed error, not a hang")
    func unreachable() async throws {
        let client = DockerClient(endpoint: .unix(path: "/tmp/dockerguard-no-such-\(UUID().uuidString).sock"))
        await #expect {
            _ = try await client.ping()
        } throws: { error in
            if case EngineError.unreachable = error { return true }
            return false
        }
    }

    @Test("the event stream delivers a container's start, die and rename as they happen")
    func events() async throws {
        let client = try TestEngine.client()
        let name = TestEngine.uniqueName("events")
        defer { TestEngine.forceRemove([name, name + "-b"]) }
        let stream = try await client.events(filters: ["type": ["container"], "container": [name, name + "-b"]])

        let id = try await TestEngine.runContainer(client, name: name)
        try await client.renameContainer(id, to: name + "-b")
        try await client.killContainer(id)

        var seen: [String] = []
        for try await event in stream where event.actor.id == id {
            seen.append(String(event.verb))
            if event.verb == "die" { break }
        }
        #expect(seen.starts(with: ["create", "start", "rename"]))
        #expect(seen.contains("die"))
    }

    @Test("events since a past moment replay what happened before the subscription, then follow live ones")
    func eventsSince() async throws {
        let client = try TestEngine.client()
        let name = TestEngine.uniqueName("since")
        defer { TestEngine.forceRemove([name, name + "-b"]) }
        let before = Int64(Date().timeIntervalSince1970 * 1e9) - 1_000_000_000
        let id = try await TestEngine.runContainer(client, name: name)
        let subscribed = Int64(Date().timeIntervalSince1970 * 1e9)
        // Subscribed only now: the create and start can only come from `since`; the rename is live
        // and ends the loop, so a dropped `since` fails here instead of waiting.
        let stream = try await client.events(
            since: EngineEvent.sinceParameter(nanos: before), filters: ["container": [id]])
        try await client.renameContainer(id, to: name + "-b")
        var seen: [EngineEvent] = []
        for try await event in stream {
            seen.append(event)
            if event.verb == "rename" { break }
        }
        #expect(seen.map(\.verb) == ["create", "start", "rename"], "\(seen.map(\.action))")
        let start = try #require(seen.first { $0.verb == "start" })
        #expect(start.timeNano > before && start.timeNano < subscribed, "the start is from before the subscription")
        #expect(start.actor.attributes["name"] == name)
    }
}
