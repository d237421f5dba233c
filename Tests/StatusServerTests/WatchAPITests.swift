import GuardCore
import Logging
import ServiceLifecycle
import StatusServer
import TestSupport
import Testing

/// `/containers`' ETag and 304, and the watch stream, served from an in-process store.
@Suite("Following changes: ETag, 304 and the watch stream", .timeLimit(.minutes(3)))
struct WatchAPITests {
    static func record(_ name: String, labels: [String: String] = [:], state: String = "running") -> ContainerRecord {
        ContainerRecord(
            id: String(repeating: "d", count: 48)
                + String(name.utf8.reduce(1 << 60) { $0 &* 31 &+ UInt64($1) } | 1 << 63, radix: 16),
            name: "/" + name, imageRef: "busybox:local", imageID: "sha256:" + String(repeating: "4", count: 64),
            state: state, createdAt: "2026-12-02T04:00:00Z", startedAt: "2026-12-02T04:00:01Z", labels: labels)
    }

    @Test("/containers answers an ETag, 304 to If-None-Match with it, and a new ETag once the store changes")
    func etagAndNotModified() async throws {
        let store = await syncedStore()
        try await withWatchServer(store) { port, _ in
            let first = try await WatchStream.get(port, "/containers")
            #expect(first.status == 200)
            let etag = try #require(first.headers["etag"])
            #expect(etag.hasPrefix("\"") && etag.hasSuffix("\""), "\(etag)")
            #expect(first.headers["cache-control"] == "no-cache")

            let same = try await WatchStream.get(port, "/containers?all=true", headers: ["If-None-Match": etag])
            #expect(same.status == 304)
            #expect(same.headers["etag"] == etag)
            #expect(same.bodyText.isEmpty)
            let listed = try await WatchStream.get(
                port, "/containers", headers: ["If-None-Match": "\"other\", W/\(etag)"])
            #expect(listed.status == 304, "a weak tag in a list matches too")
            let bare = try await WatchStream.get(
                port, "/containers", headers: ["If-None-Match": String(etag.dropFirst().dropLast())])
            #expect(bare.status == 304, "a tag copied without its quotes matches too")

            await store.upsert(Self.record("new"))
            let changed = try await WatchStream.get(port, "/containers", headers: ["If-None-Match": etag])
            #expect(changed.status == 200)
            #expect(changed.headers["etag"] != nil && changed.headers["etag"] != etag)
            #expect(changed.bodyText.contains("/new"))
        }
    }

    @Test("watch: a sync, then one change per version with its id; since resumes; a bad since is a 400")
    func watchAndResume() async throws {
        let store = await syncedStore()
        try await withWatchServer(store) { port, _ in
            let watcher = try WatchStream(port: port)
            defer { watcher.close() }
            watcher.startReading()
            let sync = try #require(await watcher.waitForEvent { $0.name == "sync" }, "\(watcher.bodyText)")
            #expect(watcher.headers["content-type"] == "text/event-stream")
            #expect(try sync.json()["count"] as? Int == 3)
            #expect(try sync.json()["version"] as? String == sync.id)

            let added = Self.record("added")
            await store.upsert(added)
            let change = try #require(await watcher.waitForEvent { $0.name == "change" })
            let changed = try change.json()["changed"] as? [[String: Any]]
            #expect(changed?.map { $0["container_id"] as? String } == [added.id])
            #expect(try change.json()["version"] as? String == change.id)

            await store.remove(id: added.id)
            let removal = try #require(
                await watcher.waitForEvent { $0.name == "change" && $0.data.contains("\"removed\":[\"") })
            #expect(try removal.json()["removed"] as? [String] == [added.id])

            // Resuming from the first change replays only the removal, without a sync.
            let resumed = try WatchStream(port: port, path: "/containers?watch=true&since=\(try #require(change.id))")
            defer { resumed.close() }
            resumed.startReading()
            let replayed = try #require(await resumed.waitForEvent())
            #expect(replayed.name == "change")
            #expect(replayed.id == removal.id)
            // The same version copied from an ETag, quotes and all (%22), resumes the same way.
            let quoted = try WatchStream(
                port: port, path: "/containers?watch=true&since=%22\(try #require(change.id))%22")
            defer { quoted.close() }
            quoted.startReading()
            #expect(try #require(await quoted.waitForEvent()).id == removal.id)
            // Last-Event-ID, as an EventSource sends it, resumes the same way.
            let header = try WatchStream(port: port, headers: ["Last-Event-ID": try #require(removal.id)])
            defer { header.close() }
            header.startReading()
            await store.upsert(Self.record("later"))
            let next = try #require(await header.waitForEvent())
            #expect(next.name == "change" && next.data.contains("/later"), "\(next)")

            // A version of another run of the guard cannot be resumed from: a full sync.
            let foreign = try WatchStream(port: port, path: "/containers?watch=true&since=abc-1-0")
            defer { foreign.close() }
            foreign.startReading()
            #expect(await foreign.waitForEvent()?.name == "sync")

            let bad = try await WatchStream.get(port, "/containers?watch=true&since=12")
            #expect(bad.status == 400)
            #expect(bad.bodyText.contains("since"))
            #expect(try await WatchStream.get(port, "/containers?since=\(try #require(change.id))").status == 400)
            #expect(try await WatchStream.get(port, "/containers?watch=true&violating=true").status == 400)
        }
    }

    @Test("a sync is /containers?all=true's body plus the version; a change says when the store had it")
    func syncSharesTheListBodyAndChangesAreStamped() async throws {
        let store = await syncedStore()
        try await withWatchServer(store) { port, _ in
            let first = try WatchStream(port: port)
            defer { first.close() }
            first.startReading()
            let second = try WatchStream(port: port)
            defer { second.close() }
            second.startReading()
            let sync = try #require(await first.waitForEvent { $0.name == "sync" })
            let again = try #require(await second.waitForEvent { $0.name == "sync" })
            #expect(again.data == sync.data, "two clients at one version get the same sync")
            let list = try await WatchStream.get(port, "/containers?all=true")
            let version = try #require(sync.id)
            #expect(list.headers["etag"] == "\"\(version)\"")
            #expect(sync.data == String(list.bodyText.dropLast()) + #","version":"\#(version)"}"#)

            let before = WallClock.seconds()
            await store.upsert(Self.record("stamped"))
            let after = WallClock.seconds()
            let change = try #require(await first.waitForEvent { $0.name == "change" && $0.data.contains("/stamped") })
            let storedAt = try #require(try change.json()["stored_at"] as? Double, "\(change.data)")
            #expect(storedAt >= before - 0.001 && storedAt <= after + 0.001, "\(before) <= \(storedAt) <= \(after)")
        }
    }

    @Test("HEAD on the stream answers its head and follows nothing; an idle stream gets heartbeats")
    func headAndHeartbeat() async throws {
        let store = await syncedStore()
        try await withWatchServer(store, heartbeat: .milliseconds(200)) { port, server in
            let head = try await WatchStream.get(port, "/containers?watch=true", method: "HEAD")
            #expect(head.status == 200)
            #expect(head.headers["content-type"] == "text/event-stream")
            #expect(server.watch.clients == 0, "a HEAD subscribed a client that nobody reads")

            let idle = try WatchStream(port: port)
            idle.startReading()
            #expect(await eventually(timeout: .seconds(10)) { idle.comments.contains("keep-alive") } != nil)
            #expect(idle.events.allSatisfy { $0.name == "sync" }, "a heartbeat is a comment, not an event")
            // A client that goes away is forgotten at the next heartbeat, with no change in between.
            #expect(server.watch.clients == 1)
            idle.close()
            #expect(await eventually(timeout: .seconds(10)) { server.watch.clients == 0 } != nil)
        }
    }

    @Test("a heartbeat goes only to a stream silent for its interval, never one that just had a change")
    func heartbeatOnlyWhenSilent() async throws {
        let store = await syncedStore()
        // Ticks of 1 s: a heartbeat needs 2 s of silence at least.
        try await withWatchServer(store, heartbeat: .seconds(3)) { port, _ in
            let watcher = try WatchStream(port: port)
            defer { watcher.close() }
            watcher.startReading()
            _ = try #require(await watcher.waitForEvent { $0.name == "sync" })
            let clock = ContinuousClock()
            var last = clock.now
            var longestGap = Duration.zero
            for step in 0..<40 {
                await store.upsert(Self.record("busy", state: step % 2 == 0 ? "running" : "exited"))
                try await Task.sleep(for: .milliseconds(100))
                longestGap = max(longestGap, clock.now - last)
                last = clock.now
            }
            // Only meaningful when this loop itself kept the stream busy (a loaded machine may stall it).
            if longestGap < .seconds(1) {
                #expect(watcher.comments.isEmpty, "a heartbeat while changes came every 100 ms")
            }
            #expect(watcher.events.contains { $0.name == "change" && $0.data.contains("/busy") })
            #expect(await eventually(timeout: .seconds(15)) { watcher.comments.contains("keep-alive") } != nil)
        }
    }

    @Test("a change from an allow-list reload says when the list was put in force")
    func reloadIsStamped() async throws {
        let store = await syncedStore()
        let policy = PolicyState(path: "test")
        policy.apply(try AllowList.parse("name=web\n", path: "test").get(), at: WallClock.seconds())
        try await withWatchServer(store, policy: policy) { port, _ in
            let watcher = try WatchStream(port: port)
            defer { watcher.close() }
            watcher.startReading()
            _ = try #require(await watcher.waitForEvent { $0.name == "sync" })
            try await Task.sleep(for: .milliseconds(300))
            let loaded = WallClock.seconds()
            policy.apply(try AllowList.parse("name=web\nname=db\n", path: "test").get(), at: loaded)
            let change = try #require(await watcher.waitForEvent { $0.name == "change" && $0.data.contains("/db") })
            // The load's time, not the store's last change 300 ms before (JSON's decimal text of a
            // Double may come back an ulp away, hence the millisecond).
            let storedAt = try #require(try change.json()["stored_at"] as? Double, "\(change.data)")
            #expect(abs(storedAt - loaded) < 0.001, "\(storedAt) against the load at \(loaded)")
        }
    }

    @Test("a client that stops reading is dropped with a last 'dropped' event; the others and the store go on")
    func slowClientDropped() async throws {
        let store = await syncedStore()
        // No heartbeat: on a loaded machine one could be the item that overflows the queue, and the
        // change before it would then rightly be the slow client's last.
        try await withWatchServer(store, clientBuffer: 8, heartbeat: .seconds(3600)) { port, server in
            let (slow, fast, rounds) = try await Self.overflow(port: port, store: store, server: server)
            defer { [slow, fast].forEach { $0.close() } }
            #expect(server.watch.dropped == 1, "after \(rounds) changes")
            slow.startReading()
            #expect(await eventually(timeout: .seconds(30)) { slow.isEnded } != nil, "the stream did not end")
            let last = try #require(slow.events.last)
            #expect(last.name == "dropped")
            #expect(try last.json()["error"] as? String ?? "" != "")
            #expect(try last.json()["since"] is String, "names the version to resume from")
            #expect(
                !slow.events.contains { $0.data.contains("\"round\":\"\(rounds)\"") },
                "the slow client got the change that overflowed its queue")
            let lastChange = slow.events.last { $0.name != "dropped" }
            #expect(try last.json()["since"] as? String == lastChange?.id, "since is the last version it was sent")
            #expect(!fast.isEnded)
            #expect(server.watch.clients == 1)
        }
    }

    @Test("a dropped client that never reads is hung up on after the grace: its response and socket end")
    func droppedClientHungUp() async throws {
        let store = await syncedStore()
        try await withWatchServer(store, clientBuffer: 8, heartbeat: .seconds(3600), dropGrace: .seconds(1)) {
            port, server in
            let (slow, fast, rounds) = try await Self.overflow(port: port, store: store, server: server)
            defer { [slow, fast].forEach { $0.close() } }
            #expect(server.watch.dropped == 1, "after \(rounds) changes")
            // Its `dropped` event waits for room that never comes, until the grace is over.
            #expect(await eventually(timeout: .seconds(30)) { server.watch.streams == 1 } != nil, "still open")
            #expect(!fast.isEnded, "the reading client is not hung up on")
            slow.startReading()
            #expect(await eventually(timeout: .seconds(30)) { slow.isEnded } != nil, "the connection did not close")
        }
    }

    /// Two clients, `slow` (which reads nothing, into a 4 KiB buffer) and `fast`; changes of 64 KiB
    /// each until `slow` is dropped, `fast` reading every one; and the number of changes made.
    static func overflow(
        port: Int, store: ContainerStore, server: StatusAPIServer
    ) async throws -> (slow: WatchStream, fast: WatchStream, rounds: Int) {
        let slow = try WatchStream(port: port, receiveBuffer: 4096)
        let fast = try WatchStream(port: port)
        fast.startReading()
        #expect(await eventually(timeout: .seconds(10)) { server.watch.clients == 2 } != nil)
        _ = await fast.waitForEvent { $0.name == "sync" }
        // The socket buffers fill after a few dozen changes, then the queue.
        let big = String(repeating: "x", count: 65536)
        var rounds = 0
        while server.watch.dropped == 0, rounds < 400 {
            rounds += 1
            let record = record("big", labels: ["round": "\(rounds)", "pad": big])
            await store.upsert(record)
            let seen = await fast.waitForEvent { $0.data.contains("\"round\":\"\(rounds)\"") }
            #expect(seen != nil, "the reading client missed round \(rounds)")
            if seen == nil { break }
        }
        return (slow, fast, rounds)
    }
}
