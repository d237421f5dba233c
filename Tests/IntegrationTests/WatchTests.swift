import DockerEngine
import Foundation
import TestSupport
import Testing

/// `dockerguard run`'s ETag and watch stream against the real engine.
@Suite(
    "dockerguard run: ETag, 304 and the watch stream",
    .enabled(if: TestEngine.isAvailable, "needs scripts/test's private engine"), .timeLimit(.minutes(3)))
struct WatchTests {
    @Test("a started container comes as a change with its decision, its removal too; the ETag moves with them")
    func watchFollowsTheEngine() async throws {
        let client = try TestEngine.client()
        let guardian = try await DockerGuardProcess(engineHost: TestEngine.host, allowList: "name=dgwatch-ok*\n")
        defer { guardian.terminateInBackground() }
        #expect(await guardian.probe.waitUntilReady() != nil, "\(guardian.log)")
        let port = WatchStream.port(of: guardian.probe.baseURL)

        // The engine is shared with other suites: their containers move the version too. A 304 for
        // the ETag just given, once no change came between the two requests.
        var etag = try #require(try await WatchStream.get(port, "/containers").headers["etag"])
        var notModified = false
        for _ in 0..<20 where !notModified {
            let again = try await WatchStream.get(port, "/containers", headers: ["If-None-Match": etag])
            notModified = again.status == 304
            if !notModified { etag = try #require(again.headers["etag"], "a 200 without an ETag") }
        }
        #expect(notModified, "no 304 for an unchanged ETag in 20 tries")

        let watcher = try WatchStream(port: port)
        defer { watcher.close() }
        watcher.startReading()
        #expect(await watcher.waitForEvent { $0.name == "sync" } != nil, "\(watcher.bodyText)")

        let name = TestEngine.uniqueName("dgwatch-bad")
        defer { TestEngine.forceRemove([name]) }
        let id = try await TestEngine.runContainer(client, name: name)
        let started = await watcher.waitForEvent { event in
            guard event.name == "change", let changed = try? event.json()["changed"] as? [[String: Any]] else {
                return false
            }
            return changed.contains { $0["container_id"] as? String == id && $0["state"] as? String == "running" }
        }
        let change = try #require(started, "no change for \(id); got \(watcher.events.map(\.name))")
        let item = try #require(
            (try change.json()["changed"] as? [[String: Any]])?.first { $0["container_id"] as? String == id })
        #expect(item["allowed"] as? Bool == false, "the decision comes with the change")
        let after = try await WatchStream.get(port, "/containers", headers: ["If-None-Match": etag])
        #expect(after.status == 200, "the ETag did not move with the store")

        _ = try await TestEngine.docker("rm", "-f", id)
        let removed = await watcher.waitForEvent { event in
            (try? event.json()["removed"] as? [String])?.contains(id) == true
        }
        #expect(removed != nil, "no removal of \(id); log:\n\(guardian.log)")
        #expect(await guardian.terminate() == 0)
    }

    @Test("since resumes without a sync: the changes after that version, in order, and nothing before")
    func resumeWithSince() async throws {
        let client = try TestEngine.client()
        let guardian = try await DockerGuardProcess(engineHost: TestEngine.host, allowList: "name=dgtest-dgwatch-*\n")
        defer { guardian.terminateInBackground() }
        #expect(await guardian.probe.waitUntilReady() != nil, "\(guardian.log)")
        let port = WatchStream.port(of: guardian.probe.baseURL)
        let watcher = try WatchStream(port: port)
        defer { watcher.close() }
        watcher.startReading()
        let sync = try #require(await watcher.waitForEvent { $0.name == "sync" }, "\(watcher.bodyText)")

        let names = (0..<2).map { TestEngine.uniqueName("dgwatch-since-\($0)") }
        defer { TestEngine.forceRemove(names) }
        let first = try await TestEngine.runContainer(client, name: names[0])
        let second = try await TestEngine.runContainer(client, name: names[1])
        func running(_ id: String) -> (WatchStream.Event) -> Bool {
            { event in
                event.name == "change"
                    && ((try? event.json()["changed"] as? [[String: Any]]) ?? []).contains {
                        $0["container_id"] as? String == id && $0["state"] as? String == "running"
                    }
            }
        }
        let firstSeen = try #require(await watcher.waitForEvent(running(first)), "no change for \(first)")
        _ = try #require(await watcher.waitForEvent(running(second)), "no change for \(second)")

        // From the sync's version: no sync again, and the first container's start comes before the second's.
        let resumed = try WatchStream(port: port, path: "/containers?watch=true&since=\(try #require(sync.id))")
        defer { resumed.close() }
        resumed.startReading()
        #expect(await resumed.waitForEvent(running(second)) != nil, "\(resumed.events.map(\.name))")
        #expect(!resumed.events.contains { $0.name == "sync" }, "a resume began with a sync")
        let replayedFirst = resumed.events.firstIndex(where: running(first))
        let replayedSecond = resumed.events.firstIndex(where: running(second))
        #expect(
            replayedFirst.map { first in replayedSecond.map { first < $0 } ?? false } == true,
            "\(resumed.events.map(\.id))")
        // From the first start's version: only what came after it.
        let later = try WatchStream(port: port, path: "/containers?watch=true&since=\(try #require(firstSeen.id))")
        defer { later.close() }
        later.startReading()
        #expect(await later.waitForEvent(running(second)) != nil)
        #expect(!later.events.contains(where: running(first)), "a change before since was replayed")
        #expect(await guardian.terminate() == 0)
    }
}
