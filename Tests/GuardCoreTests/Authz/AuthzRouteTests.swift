import TestSupport
import Testing

@testable import GuardCore

@Suite("Which API call the engine asks about")
struct AuthzRouteTests {
    @Test(
        "the calls that can make a container run",
        arguments: [
            ("POST", "/v1.41/containers/create?name=miner", AuthzRoute.create(name: "miner")),
            ("POST", "/containers/create", .create(name: nil)),
            ("POST", "/v1.41/containers/create?platform=&name=a%2Fb+c", .create(name: "a/b c")),
            ("POST", "/v1.41/containers/abc123/start", .start("abc123")),
            ("POST", "/v1.41/containers/web-1/restart?t=3", .restart("web-1")),
            ("POST", "/v1.24/containers/web-1/unpause", .unpause("web-1")),
            ("POST", "/v1.41/containers/web-1/rename?name=miner", .rename("web-1", newName: "miner")),
            ("POST", "/v1.41/containers/web-1/rename", .rename("web-1", newName: nil)),
            // Percent-encoded paths are what the engine routes after decoding them.
            ("POST", "/v1.41/%63ontainers/create?name=x", .create(name: "x")),
            ("POST", "/v1.41/containers/%63reate", .create(name: nil)),
            ("POST", "/v1.41/containers/abc/%73tart", .start("abc")),
            ("POST", "//v1.41//containers//abc//start", .start("abc")),
        ])
    func judged(method: String, uri: String, route: AuthzRoute) {
        #expect(AuthzRoute.parse(method: method, uri: uri) == route)
    }

    @Test(
        "everything else is not judged",
        arguments: [
            ("GET", "/v1.41/containers/json"), ("GET", "/_ping"), ("HEAD", "/_ping"),
            ("POST", "/v1.41/containers/abc/stop"), ("POST", "/v1.41/containers/abc/kill"),
            ("DELETE", "/v1.41/containers/abc"), ("POST", "/v1.41/containers/abc/pause"),
            ("GET", "/v1.41/containers/create"), ("POST", "/v1.41/images/create?fromImage=x"),
            ("POST", "/v1.41/containers/abc/start/extra"), ("POST", ""), ("", "/containers/create"),
            ("POST", "/vX/containers/create"), ("POST", "/v1.41/containers/%zz/start"),
            ("POST", "/v1.41/%zz/containers/create"),
        ])
    func notJudged(method: String, uri: String) {
        #expect(AuthzRoute.parse(method: method, uri: uri) == .other)
    }

    @Test("a huge URI is parsed without trouble")
    func hugeURI() async throws {
        // Seconds of CPU in a debug build: off the cooperative pool the engine tests beside it need.
        let name = String(repeating: "a", count: 1 << 20)
        let (create, other) = try await offPool {
            (
                AuthzRoute.parse(method: "POST", uri: "/v1.41/containers/create?name=" + name),
                AuthzRoute.parse(method: "POST", uri: "/" + String(repeating: "x/", count: 100_000))
            )
        }
        #expect(create == .create(name: name))
        #expect(other == .other)
    }
}
