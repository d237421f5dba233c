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
        since text: String?, on channel: any Channel,
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
        guard let (client, start, ending) = hub.subscribe(since: since, connection: WatchConnection(channel: channel))
        else {
            return JSONBody.error(.serviceUnavailable, "the watch stream is not running yet; retry")
        }
        let body = ResponseBody { [hub] writer in
            try await hub.countingStream {
                if case .sync(let snapshot, let policy, let version) = start {
                    try await writer.write(
                        WatchEvent.sync(allContainers: allContainers(snapshot, policy), version: version))
                }
                // From here the hub writes the events onto the connection; the response only waits
                // for the end. The server's graceful shutdown waits for open responses: end it then.
                hub.attach(client)
                var hangUp: Scheduled<Void>?
                try await withGracefulShutdownHandler {
                    for await case .dropped(let buffer, let lastSent) in ending {
                        // The last words wait for room the client may never make.
                        hangUp = channel.eventLoop.scheduleTask(in: TimeAmount(hub.dropGrace)) {
                            channel.close(promise: nil)
                        }
                        try await writer.write(WatchEvent.dropped(buffer: buffer, lastSent: lastSent))
                    }
                } onGracefulShutdown: {
                    hub.forget(client)
                }
                try await writer.finish(nil)
                hangUp?.cancel()
            }
        }
        return Response(status: .ok, headers: Self.headers, body: body)
    }

    static let headers: HTTPFields = [.contentType: "text/event-stream", .cacheControl: "no-store"]
    /// The answer to `HEAD /containers?watch=true`.
    static var head: Response { Response(status: .ok, headers: headers) }
}
