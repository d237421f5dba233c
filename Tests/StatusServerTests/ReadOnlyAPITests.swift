import GuardCore
import TestSupport
import Testing

/// Nothing changes state over HTTP: every route refuses every method but GET and HEAD.
@Suite("The API is read-only")
struct ReadOnlyAPITests {
    static let paths = [
        "/", "/containers", "/containers/", "/containers?all=true", "/healthz", "/readyz", "/allowlist", "/metrics",
    ]

    @Test("every route answers 405 with Allow and a JSON error to POST, PUT, PATCH and DELETE", arguments: paths)
    func everyRouteRefusesWrites(path: String) async throws {
        let store = await syncedStore()
        let before = store.current.version
        try await withStatusServer(store) { (api: HTTPProbe) async throws in
            #expect(try await api.get(path).status == 200, "GET \(path) should be served")
            for method in ["POST", "PUT", "PATCH", "DELETE"] {
                let answer = try await api.request(path, method: method)
                #expect(answer.status == 405, "\(method) \(path) answered \(answer.status)")
                #expect(answer.headers["allow"] == "GET, HEAD", "\(method) \(path)")
                #expect((try answer.json()["error"] as? String)?.contains("read-only") == true, "\(method) \(path)")
            }
        }
        #expect(store.current.version == before, "a refused request changed the store")
    }
}
