import GuardCore
import Hummingbird

/// `GET /containers`: the store's snapshot in the original tool's shape, encoded once per version.
struct ContainersRoute: Sendable {
    let store: ContainerStore
    private let cache = ResponseCache<Variant>()

    init(store: ContainerStore) {
        self.store = store
    }

    /// The distinct answers this route can give for one snapshot.
    struct Variant: Hashable, Sendable {
        /// Every container, not only the running ones.
        var all: Bool
    }

    func respond(to request: Request) -> Response {
        let variant: Variant
        do {
            let query = try QueryOptions(request.uri.query.map { Substring($0) }, allowed: ["all"])
            variant = Variant(all: try query.bool("all"))
        } catch {
            return JSONBody.error(.badRequest, error.message)
        }
        let snapshot = store.current
        guard snapshot.isSynced else {
            let reason = snapshot.engine.connection.lastError.map { ": \($0)" } ?? ""
            return JSONBody.error(.serviceUnavailable, "not yet synchronised with the Docker engine\(reason)")
        }
        let body = cache.body(for: variant, version: snapshot.version) {
            JSONBody.encode(Self.body(snapshot, variant))
        }
        return JSONBody.response(.ok, body)
    }

    static func body(_ snapshot: ContainerSnapshot, _ variant: Variant) -> some Encodable {
        struct Body: Encodable {
            let data: [ContainerItem]
            let count: Int
            let engine: EngineBody
        }
        let records = variant.all ? snapshot.containers : snapshot.running
        return Body(data: records.map(ContainerItem.init), count: records.count, engine: EngineBody(status: snapshot.engine))
    }
}
