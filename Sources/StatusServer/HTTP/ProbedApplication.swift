import GuardCore
import Hummingbird
import NIOCore
import NIOPosix
import ServiceLifecycle

/// Hummingbird's application, started only once its address was bound and let go.
///
/// An address that cannot be bound (in use, not permitted) fails here, before Hummingbird starts
/// its own services: its bind failure cancels them, and the cancellation of its date cache's
/// `cancelOnGracefulShutdown()` (a `merge`, swift-async-algorithms 1.1.4) can deadlock the event
/// loop it runs on (apple/swift-async-algorithms#430). A dashboard whose port was taken hung so,
/// unable even to quit, in about one start in ten. The error is NIO's own bind error, as before.
struct ProbedApplication<App: ApplicationProtocol>: Service {
    let app: App
    let listen: ListenAddress

    func run() async throws {
        if listen.port != 0 {
            let probe = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .bind(host: listen.host, port: listen.port).get()
            try await probe.close()
        }
        try await app.run()
    }
}
