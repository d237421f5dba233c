import GuardCore
import Hummingbird
import NIOCore

/// `GET /containers`: the store's snapshot in the original tool's shape, encoded once per version.
struct ContainersRoute: Sendable {
    let store: ContainerStore
    let policy: PolicyState?
    let aliases: ImageAliases
    let watch: WatchRoute
    private let cache = ResponseCache<Variant>()
    private let bodies = ContainersBody()

    init(store: ContainerStore, policy: PolicyState?, aliases: ImageAliases, hub: WatchHub) {
        self.store = store
        self.policy = policy
        self.aliases = aliases
        self.watch = WatchRoute(hub: hub)
    }

    /// The distinct answers this route can give for one snapshot.
    struct Variant: Hashable, Sendable {
        /// Every container, not only the running ones.
        var all: Bool
        /// Only those the allow-list does not allow.
        var violating: Bool
    }

    func respond(to request: Request, on channel: any Channel) -> Response {
        let variant: Variant
        let following: Bool
        let since: String?
        do throws(QueryOptions.Problem) {
            let query = try QueryOptions(
                request.uri.query.map { Substring($0) }, allowed: ["all", "violating", "watch", "since"])
            variant = Variant(all: try query.bool("all"), violating: try query.bool("violating"))
            following = try query.bool("watch")
            since = query.string("since")
            if following, variant != Variant(all: false, violating: false) {
                throw QueryOptions.Problem(
                    message: "watch streams every container, as all=true does; filter its events by state and allowed")
            }
            if since != nil, !following { throw QueryOptions.Problem(message: "since is only for watch=true") }
        } catch {
            return JSONBody.error(.badRequest, error.message)
        }
        let snapshot = store.current
        guard snapshot.isSynced else {
            let reason = snapshot.engine.connection.lastError.map { ": \($0)" } ?? ""
            return JSONBody.error(.serviceUnavailable, "not yet synchronised with the Docker engine\(reason)")
        }
        if following {
            // A HEAD gets the stream's head only: subscribing would keep a client nobody reads.
            if request.method == .head { return WatchRoute.head }
            return watch.respond(since: since ?? Self.lastEventID(request), on: channel) { [self] snapshot, policy in
                body(Variant(all: true, violating: false), snapshot, policy)
            }
        }
        let policy = policy?.current
        let version = WatchVersion(snapshot, policy)
        // Revalidation instead of no-store: a client that sends the ETag back gets 304 and no body.
        let headers: HTTPFields = [.eTag: version.etag]
        if let tags = request.headers[.ifNoneMatch], version.matches(ifNoneMatch: tags) {
            var fields = headers
            fields[.cacheControl] = "no-cache"
            return Response(status: .notModified, headers: fields)
        }
        var response = JSONBody.response(.ok, body(variant, snapshot, policy), headers: headers)
        response.headers[.cacheControl] = "no-cache"
        return response
    }

    /// The body of `variant` at this snapshot and allow-list, encoded once per version.
    private func body(_ variant: Variant, _ snapshot: ContainerSnapshot, _ policy: PolicyState.Current?) -> ByteBuffer {
        let stamp = ResponseCache<Variant>.Stamp(snapshot: snapshot.version, policy: policy?.version ?? 0)
        return cache.body(for: variant, stamp: stamp) {
            bodies.encode(snapshot, all: variant.all, violating: variant.violating, policy: policy, aliases: aliases)
        }
    }

    /// The `Last-Event-ID` header an EventSource sends when it reconnects.
    static func lastEventID(_ request: Request) -> String? {
        request.headers.first { $0.name.canonicalName == "last-event-id" }?.value
    }
}
