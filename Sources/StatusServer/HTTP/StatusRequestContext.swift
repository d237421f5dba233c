import Hummingbird
import NIOCore

/// Hummingbird's basic context plus the request's connection, which the watch stream writes its
/// events onto from the connection's own event loop (see ``WatchConnection``).
struct StatusRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.channel = source.channel
    }
}
