import Foundation
import GuardCore
import TestSupport
import Testing

@Suite("Status API: the JSON of every endpoint")
struct EndpointShapeTests {
    @Test("GET /containers keeps the original contract: data[] of container_id, container_name, image, status")
    func containers() async throws {
        try await withStatusServer(await syncedStore()) { (api: HTTPProbe) async throws in
            let answer = try await api.get("/containers")
            #expect(answer.status == 200)
            #expect(answer.headers["content-type"] == "application/json")
            let body = try answer.json()
            let data = try #require(body["data"] as? [[String: Any]])
            #expect(data.count == 2, "running containers only")
            let web = try #require(data.first { $0["container_name"] as? String == "/web" })
            #expect(web["container_id"] as? String == String(repeating: "a", count: 64))
            #expect(web["image"] as? String == "sha256:" + String(repeating: "1", count: 64))
            #expect(web["status"] as? String == "running")
            // Added fields.
            #expect(web["name"] as? String == "web")
            #expect(web["image_ref"] as? String == "nginx:1.27")
            #expect(web["started_at"] as? String == "2026-11-25T10:00:01.2Z")
            #expect((web["labels"] as? [String: String]) == ["tier": "front"])
            #expect(web["restart_policy"] as? String == "always")
            #expect(
                web.keys.contains("finished_at") && web["finished_at"] is NSNull, "absent values are null, not missing")
            #expect(body["count"] as? Int == 2)
            let engine = try #require(body["engine"] as? [String: Any])
            #expect(engine["connected"] as? Bool == true)
            #expect(engine["version"] as? String == "28.2.2")
            #expect(engine["endpoint"] as? String == "unix:///var/run/docker.sock")
        }
    }

    @Test("every item has the same keys")
    func stableKeys() async throws {
        try await withStatusServer(await syncedStore()) { (api: HTTPProbe) async throws in
            let items = try await api.get("/containers?all=true").json()["data"] as? [[String: Any]] ?? []
            #expect(items.count == 3)
            let keys = Set(items.map { $0.keys.sorted().joined(separator: ",") })
            #expect(keys.count == 1)
            #expect(keys.first?.contains("container_id,container_name") == true)
        }
    }

    @Test(
        "?all=true lists stopped containers too, with their state",
        arguments: ["?all=true", "?all=1", "?all", "?all=yes"])
    func all(query: String) async throws {
        try await withStatusServer(await syncedStore()) { (api: HTTPProbe) async throws in
            let items = try await api.containers(query)
            #expect(items.count == 3)
            let job = try #require(items[String(repeating: "c", count: 64)])
            #expect(job["status"] as? String == "exited")
            #expect(job["exit_code"] as? Int == 1)
        }
    }

    @Test("?all=false is the default listing")
    func allFalse() async throws {
        try await withStatusServer(await syncedStore()) { (api: HTTPProbe) async throws in
            #expect(try await api.containers("?all=false").count == 2)
        }
    }

    @Test(
        "bad queries are 400 with a JSON error naming the problem",
        arguments: [
            ("?all=maybe", "must be true, false, yes, no, 1 or 0 (empty means true), not 'maybe'"),
            ("?al=true", "unknown query parameter 'al'"),
            ("?all=1&all=0", "given twice"),
        ])
    func badQuery(query: String, message: String) async throws {
        try await withStatusServer(await syncedStore()) { (api: HTTPProbe) async throws in
            let answer = try await api.get("/containers" + query)
            #expect(answer.status == 400)
            let error = try answer.json()["error"] as? String ?? ""
            #expect(error.contains(message), "\(error)")
        }
    }

    @Test("unknown path is 404, wrong method 405 with Allow, both JSON")
    func errors() async throws {
        try await withStatusServer(await syncedStore()) { (api: HTTPProbe) async throws in
            let missing = try await api.get("/nope")
            #expect(missing.status == 404)
            #expect(try missing.json()["error"] is String)
            for method in ["POST", "PUT", "DELETE", "PATCH"] {
                let wrong = try await api.request("/containers", method: method)
                #expect(wrong.status == 405)
                #expect(wrong.headers["allow"] == "GET, HEAD")
                #expect(try wrong.json()["error"] is String)
            }
        }
    }

    @Test("GET / names the containers path")
    func index() async throws {
        try await withStatusServer(await syncedStore()) { (api: HTTPProbe) async throws in
            let body = try await api.get("/").json()
            #expect((body["api"] as? [String: Any])?["path"] as? String == "/containers")
        }
    }

    @Test("healthz is 200 even while the engine is away; readyz is 200 only when connected and synced")
    func probes() async throws {
        try await withStatusServer(await syncedStore()) { (api: HTTPProbe) async throws in
            #expect(try await api.get("/healthz").status == 200)
            let ready = try await api.get("/readyz")
            #expect(ready.status == 200)
            #expect(try ready.json()["ready"] as? Bool == true)
        }
        let lost = await syncedStore(connection: .reconnecting(error: "connection refused"))
        try await withStatusServer(lost) { (api: HTTPProbe) async throws in
            #expect(try await api.get("/healthz").status == 200)
            let ready = try await api.get("/readyz")
            #expect(ready.status == 503)
            let reason = try ready.json()["reason"] as? String ?? ""
            #expect(reason.contains("connection refused"))
        }
    }

    @Test("before the first sync /containers is 503 with a JSON error")
    func beforeSync() async throws {
        let store = ContainerStore(endpoint: "unix:///x.sock")
        await store.setConnection(.reconnecting(error: "no such file"))
        try await withStatusServer(store) { (api: HTTPProbe) async throws in
            let answer = try await api.get("/containers")
            #expect(answer.status == 503)
            #expect((try answer.json()["error"] as? String)?.contains("no such file") == true)
            #expect(try await api.get("/readyz").status == 503)
        }
    }

    @Test("after a disconnect /containers keeps serving the last snapshot and says the engine is away")
    func afterDisconnect() async throws {
        let store = await syncedStore(connection: .reconnecting(error: "connection refused"))
        try await withStatusServer(store) { (api: HTTPProbe) async throws in
            let answer = try await api.get("/containers")
            #expect(answer.status == 200)
            let body = try answer.json()
            #expect((body["data"] as? [Any])?.count == 2)
            let engine = try #require(body["engine"] as? [String: Any])
            #expect(engine["connected"] as? Bool == false)
            #expect(engine["error"] as? String == "connection refused")
        }
    }

    @Test("the body follows the store: a change shows up in the next answer (no stale cache)")
    func followsStore() async throws {
        let store = await syncedStore()
        try await withStatusServer(store) { (api: HTTPProbe) async throws in
            #expect(try await api.containers().count == 2)
            await store.remove(id: String(repeating: "a", count: 64))
            #expect(try await api.containers().count == 1)
        }
    }
}
