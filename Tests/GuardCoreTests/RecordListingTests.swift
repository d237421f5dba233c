import DockerEngine
import Foundation
import GuardCore
import Testing

/// A periodic resync inspects only the containers whose listing disagrees with the store.
@Suite("A record against the engine's listing")
struct RecordListingTests {
    static func summary(
        of record: ContainerRecord, state: String? = nil, status: String = "Up 3 minutes", name: String? = nil,
        imageID: String? = nil, labels: [String: String]? = nil
    ) throws -> ContainerSummary {
        let object: [String: Any] = [
            "Id": record.id, "Names": [name ?? record.name], "Image": record.imageRef,
            "ImageID": imageID ?? record.imageID, "Created": 1_795_649_000, "State": state ?? record.state,
            "Status": status, "Labels": labels ?? record.labels,
        ]
        return try JSONDecoder().decode(ContainerSummary.self, from: JSONSerialization.data(withJSONObject: object))
    }

    @Test("agrees when the listing shows what the record holds")
    func agrees() throws {
        let running = Fixtures.record("web")
        #expect(running.agrees(with: try Self.summary(of: running)))
        let healthy = Fixtures.record("db", health: "healthy")
        #expect(healthy.agrees(with: try Self.summary(of: healthy, status: "Up 2 hours (healthy)")))
        var exited = Fixtures.record("job", state: "exited")
        exited.exitCode = 137
        #expect(exited.agrees(with: try Self.summary(of: exited, status: "Exited (137) 5 seconds ago")))
    }

    @Test(
        "disagrees on each thing an inspect would change",
        arguments: ["state", "name", "image", "labels", "health", "health starting", "exit code", "other id"])
    func disagrees(_ what: String) throws {
        var record = Fixtures.record("web", health: what.hasPrefix("health") ? "healthy" : nil)
        record.labels = ["tier": "web"]
        let listing: ContainerSummary
        switch what {
        case "state": listing = try Self.summary(of: record, state: "exited", status: "Exited (0) 1 second ago")
        case "name": listing = try Self.summary(of: record, name: "/renamed")
        case "image": listing = try Self.summary(of: record, imageID: "sha256:" + String(repeating: "c", count: 64))
        case "labels": listing = try Self.summary(of: record, labels: ["tier": "db"])
        case "health": listing = try Self.summary(of: record, status: "Up 1 minute (unhealthy)")
        case "health starting": listing = try Self.summary(of: record, status: "Up 1 second (health: starting)")
        case "exit code":
            record.state = "exited"
            record.exitCode = 0
            listing = try Self.summary(of: record, status: "Exited (1) 2 seconds ago")
        default: listing = try Self.summary(of: Fixtures.record("other"))
        }
        #expect(!record.agrees(with: listing))
    }
}
