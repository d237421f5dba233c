import GuardCore
import Hummingbird
import NIOCore

/// Routes requests to the API's few read-only endpoints. A fixed table rather than a general router:
/// it answers 405 with `Allow` for a known path with the wrong method and a JSON 404 otherwise,
/// and every answer is JSON.
struct StatusResponder: HTTPResponder {
    typealias Context = StatusRequestContext

    let store: ContainerStore
    let policy: PolicyState?
    let aliases: ImageAliases
    let metrics: GuardMetrics
    let version: String
    let containers: ContainersRoute
    let hub: WatchHub

    init(
        store: ContainerStore, policy: PolicyState?, aliases: ImageAliases, metrics: GuardMetrics, version: String,
        hub: WatchHub
    ) {
        self.store = store
        self.policy = policy
        self.aliases = aliases
        self.metrics = metrics
        self.version = version
        self.containers = ContainersRoute(store: store, policy: policy, aliases: aliases, hub: hub)
        self.hub = hub
    }

    enum Route: String, CaseIterable {
        case index = "/"
        case containers = "/containers"
        case healthz = "/healthz"
        case readyz = "/readyz"
        case allowlist = "/allowlist"
        case metrics = "/metrics"
    }

    func respond(to request: Request, context: Context) async throws -> Response {
        let response = answer(request, on: context.channel)
        metrics.httpRequest(
            route: Self.route(for: request.uri.path)?.rawValue ?? "unknown", status: response.status.code)
        return response
    }

    private func answer(_ request: Request, on channel: any Channel) -> Response {
        guard let route = Self.route(for: request.uri.path) else {
            return JSONBody.error(.notFound, "no such endpoint: \(Self.echo(request.uri.path)) (see GET /)")
        }
        guard request.method == .get || request.method == .head else {
            return JSONBody.error(
                .methodNotAllowed, "\(request.method) is not allowed on \(route.rawValue); the API is read-only",
                headers: [.allow: "GET, HEAD"])
        }
        if route != .containers {
            // No other endpoint takes a parameter: a typo is reported, as on /containers.
            do {
                _ = try QueryOptions(request.uri.query.map { Substring($0) }, allowed: [])
            } catch {
                return JSONBody.error(.badRequest, "\(error.message) on \(route.rawValue)")
            }
        }
        switch route {
        case .index: return ProbeRoutes.index(version: version)
        case .containers: return containers.respond(to: request, on: channel)
        case .healthz: return ProbeRoutes.health(allowListError: policy?.current.loadError)
        case .allowlist: return AllowListRoute.respond(policy)
        case .metrics:
            let text = metrics.render(
                snapshot: store.current, policy: policy?.current, aliases: aliases, watchClients: hub.clients)
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: text)))
        case .readyz: return ProbeRoutes.ready(store.current)
        }
    }

    /// The longest part of a request's path an error message repeats.
    static let echoLimit = 100

    /// The path as an error message repeats it: a 20 KB path is not sent back whole.
    static func echo(_ path: String) -> String {
        path.count <= echoLimit ? path : path.prefix(echoLimit) + "… (\(path.utf8.count) bytes)"
    }

    /// Matches a path, ignoring one trailing slash.
    static func route(for path: String) -> Route? {
        if let route = Route(rawValue: path) { return route }
        guard path.count > 1, path.hasSuffix("/") else { return nil }
        return Route(rawValue: String(path.dropLast()))
    }
}
