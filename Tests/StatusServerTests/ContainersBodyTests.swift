import DockerEngine
import Foundation
import GuardCore
import NIOCore
import Testing

@testable import StatusServer

/// `/containers`' body is assembled from each container's kept entry; it must be, byte for byte,
/// what JSONEncoder makes of the whole body, after every kind of change that alters an entry.
@Suite("/containers body: kept entries, the same bytes as encoding it whole")
struct ContainersBodyTests {
    static let imageID = "sha256:" + String(repeating: "4", count: 64)

    static func record(_ name: String, state: String = "running", labels: [String: String] = [:]) -> ContainerRecord {
        ContainerRecord(
            id: String(repeating: "e", count: 56) + String(name.utf8.reduce(7) { $0 &* 31 &+ UInt32($1) }, radix: 16),
            name: "/" + name, imageRef: "busybox:local", imageID: imageID, state: state,
            createdAt: "2026-12-03T04:00:00Z", startedAt: "2026-12-03T04:00:01Z", labels: labels)
    }

    static func snapshot(_ version: UInt64, _ records: [ContainerRecord]) -> ContainerSnapshot {
        ContainerSnapshot(
            version: version, containers: records.sorted { $0.name < $1.name },
            engine: EngineStatus(endpoint: "unix:///run/docker.sock", connection: .connected), isSynced: true,
            lastSyncAt: 1)
    }

    struct Names: ImageInspecting {
        func inspectImage(_ id: String) async throws(EngineError) -> ImageDetails {
            let json = #"{"Id":"\#(id)","RepoTags":["registry.example/tools:1"],"RepoDigests":[]}"#
            do { return try JSONDecoder().decode(ImageDetails.self, from: Data(json.utf8)) } catch {
                throw .invalidResponse("\(error)")
            }
        }
    }

    /// The body as one value for JSONEncoder, as the route encoded it before it kept entries: the
    /// oracle the assembled bytes must equal.
    static func wholeBody(
        _ snapshot: ContainerSnapshot, all: Bool, violating: Bool, allowList: AllowList?, aliases: ImageAliases
    ) -> some Encodable {
        struct Body: Encodable {
            let data: [ContainerItem]
            let count: Int
            let engine: EngineBody
        }
        var items = (all ? Array(snapshot.containers) : snapshot.running).map { record in
            ContainerItem(
                record: record,
                decision: allowList.map {
                    Decision.judge(record, list: $0, aliases: aliases, selfID: nil, cause: .resync)
                })
        }
        if violating { items.removeAll { $0.decision?.isAllowed != false } }
        return Body(data: items, count: items.count, engine: EngineBody(status: snapshot.engine))
    }

    /// Asserts the assembled body equals the whole encoding, for each variant.
    func expectSameBytes(
        _ bodies: ContainersBody, _ snapshot: ContainerSnapshot, _ policy: PolicyState.Current?,
        _ aliases: ImageAliases, _ step: String
    ) {
        for (all, violating) in [(false, false), (true, false), (false, true)] {
            let assembled = bodies.encode(snapshot, all: all, violating: violating, policy: policy, aliases: aliases)
            let whole = JSONBody.encode(
                Self.wholeBody(snapshot, all: all, violating: violating, allowList: policy?.allowList, aliases: aliases)
            )
            #expect(
                String(buffer: assembled) == String(buffer: whole),
                "\(step), all=\(all) violating=\(violating):\n\(String(buffer: assembled))\n\(String(buffer: whole))")
        }
    }

    @Test("the same bytes after changes to a record, the list, an image's names, and with no list")
    func sameBytesAsWholeEncoding() async throws {
        let bodies = ContainersBody()
        let aliases = ImageAliases()
        let policy = PolicyState(path: "test")
        var records = [Self.record("web"), Self.record("db"), Self.record("old", state: "exited"), Self.record("job")]

        expectSameBytes(bodies, Self.snapshot(1, records), nil, aliases, "no list in force")
        policy.apply(try AllowList.parse("name=web\nname=db\n", path: "test").get(), at: 1)
        expectSameBytes(bodies, Self.snapshot(2, records), policy.current, aliases, "a list")

        records[0].labels = ["tier": "front"]
        records[2].state = "running"
        expectSameBytes(bodies, Self.snapshot(3, records), policy.current, aliases, "two records changed")

        records.append(Self.record("cache"))
        records.remove(at: 1)
        expectSameBytes(bodies, Self.snapshot(4, records), policy.current, aliases, "one added, one removed")

        policy.apply(try AllowList.parse("image=registry.example/tools:1\n", path: "test").get(), at: 2)
        expectSameBytes(bodies, Self.snapshot(5, records), policy.current, aliases, "a new list by image")

        _ = await aliases.lookup(Self.imageID, client: Names())
        expectSameBytes(bodies, Self.snapshot(6, records), policy.current, aliases, "the image's other names known")

        expectSameBytes(bodies, Self.snapshot(7, []), policy.current, aliases, "no containers")
    }
}
