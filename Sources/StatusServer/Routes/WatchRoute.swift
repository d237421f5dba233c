import GuardCore
import Hummingbird
import NIOCore
import ServiceLifecycle

/// `GET /containers?watch=true[&since=VERSION]`: server-sent events, a `sync` (unless resumed),
/// then one `change` per version. Each event's `id` is the version it brings the client to, so
/// `since` (or the `Last-Event-ID` header an EventSource sends) resumes where the client was.
struct WatchRoute: Sendable {
    let hub: WatchHub

    /// `allContainers` gives `/containers?all=true`'s body for a snapshot: a new client's `sync`.
    func respond(
        since text: String?,
        allContainers: @escaping @Sendable (ContainerSnapshot, PolicyState.Current?) -> ByteBuffer
    ) -> Response {
        var since: WatchVersion?
        if let text {
            guard let version = WatchVersion(parsing: Substring(text)) else {
                return JSONBody.error(
                    .badRequest, "since must be a version as sent in an event's id or an ETag, not '\(text)'")
            }
            since = version
        }
        guard let (stream, client, start) = hub.subscribe(since: since) else {
            return JSONBody.error(.serviceUnavailable, "the watch stream is not running yet; retry")
        }
        let body = ResponseBody { writer in
            var lastSent: WatchVersion?
            if case .sync(let snapshot, let policy, let version) = start {
                try await writer.write(
                    WatchEvent.sync(allContainers: allContainers(snapshot, policy), version: version))
                lastSent = version
            }
            // The server's graceful shutdown waits for open responses: end the stream then.
            try await withGracefulShutdownHandler {
                for await item in stream {
                    switch item {
                    case .frame(let frame):
                        try await writer.write(frame.bytes)
                        lastSent = frame.version
                        client.written()
                    case .dropped(let buffer):
                        try await writer.write(WatchEvent.dropped(buffer: buffer, lastSent: lastSent))
                    case .heartbeat:
                        try await writer.write(WatchEvent.heartbeat)
                        client.written()
                    }
                }
            } onGracefulShutdown: {
                client.continuation.finish()
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: Self.headers, body: body)
    }

    static let headers: HTTPFields = [.contentType: "text/event-stream", .cacheControl: "no-store"]
    /// The answer to `HEAD /containers?watch=true`.
    static var head: Response { Response(status: .ok, headers: headers) }
}
