import GuardCore
import Hummingbird

/// `GET /containers`: the store's snapshot in the original tool's shape, encoded once per version.
struct ContainersRoute: Sendable {
    let store: ContainerStore
    let policy: PolicyState?
    let aliases: ImageAliases
    private let cache = ResponseCache<Variant>()

    init(store: ContainerStore, policy: PolicyState?, aliases: ImageAliases) {
        self.store = store
        self.policy = policy
        self.aliases = aliases
    }

    /// The distinct answers this route can give for one snapshot.
    struct Variant: Hashable, Sendable {
        /// Every container, not only the running ones.
        var all: Bool
        /// Only those the allow-list does not allow.
        var violating: Bool
    }

    func respond(to request: Request) -> Response {
        let variant: Variant
        do {
            let query = try QueryOptions(request.uri.query.map { Substring($0) }, allowed: ["all", "violating"])
            variant = Variant(all: try query.bool("all"), violating: try query.bool("violating"))
        } catch {
            return JSONBody.error(.badRequest, error.message)
        }
        let snapshot = store.current
        guard snapshot.isSynced else {
            let reason = snapshot.engine.connection.lastError.map { ": \($0)" } ?? ""
            return JSONBody.error(.serviceUnavailable, "not yet synchronised with the Docker engine\(reason)")
        }
        let policy = policy?.current
        let stamp = ResponseCache<Variant>.Stamp(snapshot: snapshot.version, policy: policy?.version ?? 0)
        let body = cache.body(for: variant, stamp: stamp) {
            JSONBody.encode(Self.body(snapshot, variant, allowList: policy?.allowList, aliases: aliases))
        }
        return JSONBody.response(.ok, body)
    }

    static func body(_ snapshot: ContainerSnapshot, _ variant: Variant, allowList: AllowList?, aliases: ImageAliases)
        -> some Encodable
    {
        struct Body: Encodable {
            let data: [ContainerItem]
            let count: Int
            let engine: EngineBody
        }
        var items = (variant.all ? snapshot.containers : snapshot.running).map { record in
            ContainerItem(
                record: record,
                decision: allowList.map {
                    Decision.judge(record, list: $0, aliases: aliases, selfID: nil, cause: .resync)
                })
        }
        if variant.violating { items.removeAll { $0.decision?.isAllowed != false } }
        return Body(data: items, count: items.count, engine: EngineBody(status: snapshot.engine))
    }
}
