import GuardCore
import NIOCore

/// One server-sent event of the watch stream: `id` (the version it brings the client to), `event`
/// and one line of JSON `data`.
enum WatchEvent: String {
    /// Every container at one version: the first event unless the client resumed.
    case sync
    /// What one version changed: containers (with their decisions), removals, the engine's link.
    case change
    /// The last event of a client that fell too far behind.
    case dropped

    static func encode(_ kind: WatchEvent, id: WatchVersion?, _ body: some Encodable) -> ByteBuffer {
        var buffer = ByteBuffer()
        if let id { buffer.writeString("id: \(id)\n") }
        buffer.writeString("event: \(kind.rawValue)\ndata: ")
        var json = JSONBody.encode(body)
        buffer.writeBuffer(&json)
        buffer.writeString("\n\n")
        return buffer
    }

    /// The `sync` event: `/containers?all=true`'s body with the version.
    static func sync(
        _ snapshot: ContainerSnapshot, _ policy: PolicyState.Current?, _ version: WatchVersion,
        aliases: ImageAliases
    ) -> ByteBuffer {
        struct Body: Encodable {
            let version: String
            let data: [ContainerItem]
            let count: Int
            let engine: EngineBody
        }
        let items = snapshot.containers.map { record in
            ContainerItem(
                record: record,
                decision: policy?.allowList.map {
                    Decision.judge(record, list: $0, aliases: aliases, selfID: nil, cause: .resync)
                })
        }
        return encode(
            .sync, id: version,
            Body(
                version: version.description, data: items, count: items.count,
                engine: EngineBody(status: snapshot.engine)))
    }

    /// The `dropped` event: why, and how to come back.
    static func dropped(buffer: Int, lastSent: WatchVersion?) -> ByteBuffer {
        struct Body: Encodable {
            let error: String
            let since: String?
        }
        let resume = lastSent.map { "?watch=true&since=\($0)" } ?? "?watch=true"
        return encode(
            .dropped, id: nil,
            Body(
                error:
                    "this client fell \(buffer) events behind and was disconnected "
                    + "(the guard never waits for a client); reconnect with GET /containers\(resume)",
                since: lastSent?.description))
    }
}
