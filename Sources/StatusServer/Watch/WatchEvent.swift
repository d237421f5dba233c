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

    /// The `sync` event: `/containers?all=true`'s body for that version with the version added.
    /// The route keeps that body per version, so clients that connect together (all of them, after
    /// the guard restarts) share one encoding instead of each judging and encoding every container.
    static func sync(allContainers body: ByteBuffer, version: WatchVersion) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(body.readableBytes + 96)
        buffer.writeString("id: \(version)\nevent: sync\ndata: ")
        // Sorted keys put `version` last: the body without its closing brace, then the version.
        buffer.writeImmutableBuffer(body.getSlice(at: body.readerIndex, length: body.readableBytes - 1) ?? ByteBuffer())
        buffer.writeString(#","version":"\#(version)"}"#)
        buffer.writeString("\n\n")
        return buffer
    }

    /// A comment line (which SSE clients ignore) for a stream with nothing to say.
    static let heartbeat = ByteBuffer(string: ": keep-alive\n\n")

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
