import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// A client for the Docker Engine API over a unix socket, TCP (TLS), or ssh.
///
/// It speaks the API version negotiated with `/_ping` (never newer than the engine's), renegotiated
/// by `negotiate()` after every reconnect because the engine may have been upgraded meanwhile.
public final class DockerClient: Sendable {
    public let endpoint: EngineEndpoint
    let transport: HTTPTransport
    private let apiVersion = NIOLockedValueBox<APIVersion?>(nil)
    private let engineDialect = NIOLockedValueBox<EngineDialect?>(nil)
    /// How long an ordinary request (not the event stream, not a stop) may take.
    public let requestTimeout: TimeAmount
    /// Where the event stream's reader runs (nil: the default executor).
    public let taskExecutor: (any TaskExecutor)?
    /// Resource figures from the containers' cgroup files, for an engine on a Unix socket.
    let localStats: LocalCgroupStats?

    public init(
        endpoint: EngineEndpoint,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        taskExecutor: (any TaskExecutor)? = nil,
        requestTimeout: TimeAmount = .seconds(30)
    ) {
        self.endpoint = endpoint
        self.transport = HTTPTransport(endpoint: endpoint, group: group)
        self.taskExecutor = taskExecutor
        self.requestTimeout = requestTimeout
        self.localStats = Self.localStats(for: endpoint)
    }

    /// A client for a resolved endpoint, with its TLS; a TLS file that cannot be used is an error
    /// here, naming it, before any connection.
    public init(
        resolved: ResolvedEndpoint,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        taskExecutor: (any TaskExecutor)? = nil,
        requestTimeout: TimeAmount = .seconds(30)
    ) throws(EngineError) {
        self.endpoint = resolved.endpoint
        let tls = try resolved.tls.map { tls throws(EngineError) in try TLSSetup(tls) }
        self.transport = HTTPTransport(endpoint: resolved.endpoint, group: group, tls: tls)
        self.taskExecutor = taskExecutor
        self.requestTimeout = requestTimeout
        self.localStats = Self.localStats(for: resolved.endpoint)
    }

    /// A client for the engine the docker CLI would use with this environment (see ``EndpointResolver``).
    public convenience init(environment: [String: String] = ProcessInfo.processInfo.environment) throws(EngineError) {
        try self.init(resolved: try EndpointResolver(environment: environment).resolve())
    }

    deinit {
        transport.pool?.closeAll()
    }

    /// The API version in use, once negotiated.
    public var negotiatedAPIVersion: APIVersion? { apiVersion.withLockedValue { $0 } }

    /// Docker or Podman, as the last `/_ping` told (nil before the first).
    public var dialect: EngineDialect? { engineDialect.withLockedValue { $0 } }

    // MARK: - System

    /// `GET /_ping`: the API version the engine announces. `timeout` bounds it (a liveness probe
    /// must not wait the ordinary request timeout on a hung engine).
    public func ping(timeout: TimeAmount? = nil) async throws(EngineError) -> APIVersion {
        let response = try await send(EngineRequest(method: .GET, path: "/_ping"), versioned: false, timeout: timeout)
        guard let header = response.headers.first(name: "Api-Version"), let version = APIVersion(header) else {
            throw .invalidResponse("/_ping without an Api-Version header")
        }
        let dialect = EngineDialect(pingHeaders: response.headers)
        engineDialect.withLockedValue { $0 = dialect }
        return version
    }

    /// Pings the engine, fixes the API version to speak, and returns what the engine says it is.
    @discardableResult
    public func negotiate() async throws(EngineError) -> EngineVersion {
        let negotiated = try APIVersion.negotiated(server: try await ping())
        apiVersion.withLockedValue { $0 = negotiated }
        var engine = try await version()
        engine.dialect = dialect ?? .docker
        return engine
    }

    /// `GET /version`.
    public func version() async throws(EngineError) -> EngineVersion {
        try await decode(EngineVersion.self, EngineRequest(method: .GET, path: "/version"))
    }

    // MARK: - Containers

    /// `GET /containers/json`. `filters` follows the engine's syntax: `["label": ["a=b"], "status": ["running"]]`.
    public func listContainers(all: Bool = false, filters: [String: [String]] = [:]) async throws(EngineError)
        -> [ContainerSummary]
    {
        var request = EngineRequest(method: .GET, path: "/containers/json")
        if all { request.query.append(("all", "1")) }
        if !filters.isEmpty { request.query.append(("filters", try Self.encodeFilters(filters))) }
        return try await decode([ContainerSummary].self, request)
    }

    /// `GET /containers/{id}/json`.
    public func inspectContainer(_ id: String) async throws(EngineError) -> ContainerDetails {
        try await decode(
            ContainerDetails.self, EngineRequest(method: .GET, path: "/containers/\(Self.pathSegment(id))/json"))
    }

    /// `POST /containers/{id}/start`. Starting a running container is not an error.
    public func startContainer(_ id: String) async throws(EngineError) {
        try await expectSuccess(EngineRequest(method: .POST, path: "/containers/\(Self.pathSegment(id))/start"))
    }

    /// `POST /containers/{id}/stop`: SIGTERM, then SIGKILL after `timeout` seconds (the container's
    /// own stop timeout when nil). Stopping a stopped container is not an error.
    public func stopContainer(_ id: String, timeout: Int? = nil) async throws(EngineError) {
        var request = EngineRequest(method: .POST, path: "/containers/\(Self.pathSegment(id))/stop")
        if let timeout { request.query.append(("t", String(timeout))) }
        request.ownConnection = true
        // The engine answers only once the container is down: allow for the grace period.
        let allowance = requestTimeout + .seconds(Int64(timeout ?? 10))
        try await expectSuccess(request, timeout: allowance)
    }

    /// `POST /containers/{id}/kill` with `signal` (SIGKILL when nil).
    public func killContainer(_ id: String, signal: String? = nil) async throws(EngineError) {
        var request = EngineRequest(method: .POST, path: "/containers/\(Self.pathSegment(id))/kill")
        if let signal { request.query.append(("signal", signal)) }
        try await expectSuccess(request)
    }

    /// `DELETE /containers/{id}`; `force` kills a running container first.
    public func removeContainer(_ id: String, force: Bool = false, removeVolumes: Bool = false)
        async throws(EngineError)
    {
        var request = EngineRequest(method: .DELETE, path: "/containers/\(Self.pathSegment(id))")
        if force { request.query.append(("force", "1")) }
        if removeVolumes { request.query.append(("v", "1")) }
        try await expectSuccess(request)
    }

    /// `POST /containers/{id}/rename`.
    public func renameContainer(_ id: String, to newName: String) async throws(EngineError) {
        var request = EngineRequest(method: .POST, path: "/containers/\(Self.pathSegment(id))/rename")
        request.query.append(("name", newName))
        try await expectSuccess(request)
    }

    /// `POST /containers/create`; returns the new container's ID.
    public func createContainer(_ spec: ContainerSpec, name: String? = nil) async throws(EngineError) -> String {
        var request = EngineRequest(method: .POST, path: "/containers/create")
        if let name { request.query.append(("name", name)) }
        do {
            request.body = Array(try JSONEncoder().encode(spec))
        } catch {
            throw .invalidResponse("cannot encode the container spec: \(error)")
        }
        struct Created: Decodable { var Id: String }
        return try await decode(Created.self, request).Id
    }

    /// `GET /info`'s `Plugins.Authorization`: the authorization plugins the engine calls.
    public func authorizationPlugins() async throws(EngineError) -> [String] {
        struct Info: Decodable {
            struct Plugins: Decodable { var Authorization: [String]? }
            var Plugins: Plugins?
        }
        return try await decode(Info.self, EngineRequest(method: .GET, path: "/info")).Plugins?.Authorization ?? []
    }

    // MARK: - Images

    /// `GET /images/{id}/json`.
    public func inspectImage(_ id: String) async throws(EngineError) -> ImageDetails {
        let image = try await decode(
            ImageDetails.self, EngineRequest(method: .GET, path: "/images/\(Self.pathSegment(id))/json"))
        return (dialect ?? .docker).normalized(image)
    }

    // MARK: - Plumbing

    func send(_ request: EngineRequest, versioned: Bool = true, timeout: TimeAmount? = nil) async throws(EngineError)
        -> EngineResponse
    {
        let version = versioned ? try await currentAPIVersion() : nil
        return try await transport.execute(request, apiVersion: version, timeout: timeout ?? requestTimeout)
    }

    /// Negotiates lazily, so a client used without `negotiate()` still speaks a version the engine knows.
    func currentAPIVersion() async throws(EngineError) -> APIVersion {
        if let version = apiVersion.withLockedValue({ $0 }) { return version }
        let negotiated = try APIVersion.negotiated(server: try await ping())
        apiVersion.withLockedValue { $0 = negotiated }
        return negotiated
    }

    private func decode<T: Decodable>(_ type: T.Type, _ request: EngineRequest) async throws(EngineError) -> T {
        let response = try await send(request)
        guard response.isSuccess else { throw EngineError.from(status: response.status, body: response.body) }
        do {
            return try JSONDecoder().decode(T.self, from: Data(response.body))
        } catch {
            throw .invalidResponse("\(request.path): \(error)")
        }
    }

    private func expectSuccess(_ request: EngineRequest, timeout: TimeAmount? = nil) async throws(EngineError) {
        let response = try await send(request, timeout: timeout)
        // 304: already in the requested state.
        guard response.isSuccess || response.status == 304 else {
            throw EngineError.from(status: response.status, body: response.body)
        }
    }

    static func encodeFilters(_ filters: [String: [String]]) throws(EngineError) -> String {
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            return String(decoding: try encoder.encode(filters), as: UTF8.self)
        } catch {
            throw .invalidResponse("cannot encode filters: \(error)")
        }
    }

    /// IDs and names never contain `/`, but a hostile name must not escape its path segment.
    static func pathSegment(_ value: String) -> String {
        EngineRequest.percentEncode(value)
    }
}
