import Foundation
import Testing

@testable import DockerEngine

@Suite("EventStreamDecoder")
struct EventStreamDecoderTests {
    /// Five events recorded from a real engine (API 1.41): create, start, kill, die, destroy.
    static let recorded: [UInt8] = {
        let url = Bundle.module.url(forResource: "Fixtures/container-lifecycle.events", withExtension: "jsonl")!
        return Array(try! Data(contentsOf: url))
    }()

    @Test("decodes a recorded engine stream")
    func recordedStream() throws {
        var decoder = EventStreamDecoder()
        let events = try decoder.decode(Self.recorded)
        #expect(events.map(\.action) == ["create", "start", "kill", "die", "destroy"])
        let start = events[1]
        #expect(start.type == "container")
        #expect(start.actor.id.count == 64)
        #expect(start.actor.attributes["name"] == "evsample")
        #expect(start.actor.attributes["image"] == "busybox:local")
        #expect(start.actor.attributes["tier"] == "web")
        #expect(start.timeNano > 1_700_000_000_000_000_000)
        #expect(events[3].actor.attributes["exitCode"] == "137")
    }

    @Test("the same events whatever the chunking", arguments: [1, 2, 7, 64, 333, 4096])
    func chunked(size: Int) throws {
        var whole = EventStreamDecoder()
        let expected = try whole.decode(Self.recorded)
        var decoder = EventStreamDecoder()
        var events: [EngineEvent] = []
        var offset = 0
        while offset < Self.recorded.count {
            let end = min(offset + size, Self.recorded.count)
            events += try decoder.decode(Self.recorded[offset..<end])
            offset = end
        }
        #expect(events == expected)
    }

    @Test("health_status carries its detail after the colon")
    func healthDetail() throws {
        var decoder = EventStreamDecoder()
        let line =
            #"{"Type":"container","Action":"health_status: unhealthy","#
            + #""Actor":{"ID":"abc","Attributes":{}},"timeNano":5}"#
        let event = try #require(try decoder.decode(Array(line.utf8)).first)
        #expect(event.verb == "health_status")
        #expect(event.detail == "unhealthy")
    }

    @Test("messages from engines before API 1.22 (status and id only) still decode")
    func legacyShape() throws {
        var decoder = EventStreamDecoder()
        let line = #"{"status":"start","id":"abc","from":"busybox","time":12}"#
        let event = try #require(try decoder.decode(Array(line.utf8)).first)
        #expect(event.action == "start")
        #expect(event.actor.id == "abc")
        #expect(event.timeNano == 12_000_000_000)
    }

    @Test("an unreadable message is skipped, the stream goes on")
    func skipsUnknownShapes() throws {
        var decoder = EventStreamDecoder()
        let events = try decoder.decode(
            Array(#"{"unexpected":true}{"Type":"container","Action":"stop","Actor":{"ID":"x"},"timeNano":1}"#.utf8))
        #expect(events.map(\.action) == ["stop"])
    }

    @Test("since parameter keeps nanoseconds, zero-padded")
    func sinceParameter() {
        #expect(EngineEvent.sinceParameter(nanos: 1_795_649_283_000_000_042) == "1795649283.000000042")
        #expect(EngineEvent.sinceParameter(nanos: 1_795_649_283_392_100_919) == "1795649283.392100919")
    }
}
