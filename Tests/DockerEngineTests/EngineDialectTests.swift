import Foundation
import NIOHTTP1
import Testing

@testable import DockerEngine

@Suite("EngineDialect: Podman's differences made Docker-like")
struct EngineDialectTests {
    /// What Podman 4.3.1 sent for `docker run`, `docker stop`, `docker rm` (recorded on this machine).
    static let podmanEvents: [EngineEvent] = {
        let url = Bundle.module.url(forResource: "Fixtures/podman-lifecycle.events", withExtension: "jsonl")!
        var decoder = EventStreamDecoder()
        return try! decoder.decode(Array(try! Data(contentsOf: url))[...])
    }()

    @Test("Libpod-Api-Version in /_ping's headers means Podman; without it, Docker")
    func fromPing() {
        #expect(
            EngineDialect(pingHeaders: ["Api-Version": "1.41", "Libpod-Api-Version": "4.3.1"])
                == .podman(libpodVersion: "4.3.1"))
        #expect(EngineDialect(pingHeaders: ["Api-Version": "1.47"]) == .docker)
    }

    @Test("Podman's remove is Docker's destroy; its other verbs and Docker's events pass unchanged")
    func events() {
        let podman = EngineDialect.podman(libpodVersion: "4.3.1")
        #expect(Self.podmanEvents.map(\.action) == ["create", "init", "start", "stop", "die", "cleanup", "remove"])
        #expect(
            Self.podmanEvents.map { podman.normalized($0).action }
                == ["create", "init", "start", "stop", "die", "cleanup", "destroy"])
        #expect(Self.podmanEvents.map { EngineDialect.docker.normalized($0).action }.last == "remove")
        #expect(Self.podmanEvents[4].actor.attributes["exitCode"] == "137", "die carries Docker's exitCode too")
    }

    @Test("a localhost/ tag is also known by its short name on Podman only")
    func imageNames() throws {
        let json = #"{"Id":"sha256:fa31","RepoTags":["localhost/busybox:local","quay.io/x/y:1"],"RepoDigests":[]}"#
        let image = try JSONDecoder().decode(ImageDetails.self, from: Data(json.utf8))
        #expect(
            EngineDialect.podman(libpodVersion: "4.3.1").normalized(image).repoTags
                == ["localhost/busybox:local", "quay.io/x/y:1", "busybox:local"])
        #expect(EngineDialect.docker.normalized(image).repoTags == image.repoTags)
    }

    @Test("Podman's empty Health is no health check; a real one is kept")
    func health() throws {
        func state(_ health: String) throws -> ContainerDetails.State {
            let json = #"{"Status":"running","Running":true,"Paused":false,"Restarting":false,"Health":"#
            return try JSONDecoder().decode(ContainerDetails.State.self, from: Data((json + health + "}").utf8))
        }
        #expect(try state(#"{"Status":"","FailingStreak":0,"Log":null}"#).health == nil)
        #expect(try state(#"{"Status":"healthy"}"#).health?.status == "healthy")
    }
}

extension EngineDialectTests {
    @Test("on Podman the event stream starts a few seconds back (its head comes only with an event); not on Docker")
    func subscriptionSince() {
        let now = Date(timeIntervalSince1970: 1_796_230_354.5)
        #expect(EngineDialect.podman(libpodVersion: "4.3.1").subscriptionSince(now: now) == "1796230349.500000000")
        #expect(EngineDialect.docker.subscriptionSince(now: now) == nil)
    }
}
