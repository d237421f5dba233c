import NIOHTTP1
import Testing

@testable import DockerEngine

@Suite("EngineEndpoint and APIVersion")
struct EngineEndpointTests {
    @Test(
        "DOCKER_HOST values",
        arguments: [
            (nil, EngineEndpoint.unix(path: "/var/run/docker.sock")),
            ("", .unix(path: "/var/run/docker.sock")),
            ("unix:///tmp/x/docker.sock", .unix(path: "/tmp/x/docker.sock")),
            ("tcp://10.0.0.2:2376", .tcp(host: "10.0.0.2", port: 2376)),
            ("tcp://docker", .tcp(host: "docker", port: 2375)),
            ("http://localhost:2375/", .tcp(host: "localhost", port: 2375)),
            ("tcp://[::1]:2375", .tcp(host: "::1", port: 2375)),
        ] as [(String?, EngineEndpoint)])
    func parses(value: String?, expected: EngineEndpoint) throws {
        #expect(try EngineEndpoint(dockerHost: value) == expected)
    }

    @Test(
        "unsupported or malformed DOCKER_HOST is an error that says why",
        arguments: [
            "https://host:2376", "ssh://user:pw@host", "ssh://", "unix://relative.sock", "tcp://host:99999",
            "tcp://::1:2375",
            "docker.sock",
        ])
    func rejects(value: String) {
        #expect(throws: EngineError.self) { try EngineEndpoint(dockerHost: value) }
    }

    @Test("the Host header is always present (the engine refuses requests without one)")
    func hostHeader() {
        #expect(EngineEndpoint.unix(path: "/x").hostHeader == "docker")
        #expect(EngineEndpoint.tcp(host: "h", port: 1).hostHeader == "h:1")
        #expect(EngineEndpoint.tcp(host: "::1", port: 2).hostHeader == "[::1]:2")
    }

    @Test("negotiation never asks for more than the engine speaks")
    func negotiation() throws {
        #expect(try APIVersion.negotiated(server: APIVersion("1.41")!) == APIVersion("1.41"))
        #expect(try APIVersion.negotiated(server: APIVersion("1.51")!) == APIVersion.maximum)
        #expect(throws: EngineError.self) { try APIVersion.negotiated(server: APIVersion("1.12")!) }
        #expect(APIVersion("1.9")! < APIVersion("1.10")!)
    }

    @Test("request targets carry the version and a percent-encoded query")
    func requestTarget() {
        var request = EngineRequest(method: .GET, path: "/containers/json")
        request.query = [("all", "1"), ("filters", #"{"label":["a=b c"]}"#)]
        #expect(
            request.target(apiVersion: APIVersion("1.41"))
                == "/v1.41/containers/json?all=1&filters=%7B%22label%22%3A%5B%22a%3Db%20c%22%5D%7D")
    }
}
