import GuardCore
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import ServiceLifecycle

#if canImport(Glibc)
import Glibc
#endif

/// The authorization plugin's HTTP server on its Unix socket: the engine's plugin client sends
/// `POST /Plugin.Activate` and then AuthZReq/AuthZRes for every API call, over keep-alive
/// connections. It serves before, and independently of, the guard's engine connection (the
/// engine needs its plugin to start), on an event loop of its own.
public struct AuthzPluginServer: Service {
    public enum Listener: Sendable {
        /// Bind the path (a stale socket there is replaced); removed again on shutdown.
        case path(String)
        /// A descriptor inherited through socket activation; `path` is only for messages.
        case inherited(CInt, path: String)
    }

    let listener: Listener
    let service: AuthzService
    let logger: Logger
    let onListening: @Sendable (String) async -> Void
    /// The plugin's own thread: its socket and its decisions, never behind the API or the pool.
    let executor: DedicatedExecutor
    /// Requests larger than this are refused: the engine forwards at most 4 MiB of body, in base64.
    static let maxRequestBytes = 16 << 20
    /// How far into a request its method is looked for while it arrives.
    static let methodScanBytes = 4 << 10

    public init(
        listener: Listener, service: AuthzService, executor: DedicatedExecutor, logger: Logger,
        onListening: @escaping @Sendable (String) async -> Void = { _ in }
    ) {
        self.executor = executor
        self.listener = listener
        self.service = service
        self.logger = logger
        self.onListening = onListening
    }

    public var path: String {
        switch listener {
        case .path(let path), .inherited(_, let path): path
        }
    }

    public func run() async throws {
        try await withTaskExecutorPreference(executor) { try await serve() }
    }

    private func serve() async throws {
        let server = try await bind(group: executor.eventLoop)
        let how = if case .inherited = listener { "inherited (socket activation)" } else { "bound" }
        logger.info("authz plugin listening on \(path)", metadata: ["socket": "\(how)"])
        await onListening(path)
        defer { if case .path(let path) = listener { unlink(path) } }
        do {
            try await cancelWhenGracefulShutdown {
                try await server.executeThenClose { inbound in
                    try await withThrowingDiscardingTaskGroup { connections in
                        for try await connection in inbound {
                            connections.addTask { await serve(connection) }
                        }
                    }
                }
            }
        } catch is CancellationError {
            // shutdown
        }
        logger.info("authz plugin stopped", metadata: ["socket": "\(path)"])
    }

    private typealias Connection = NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>

    private func bind(group: any EventLoopGroup) async throws -> NIOAsyncChannel<Connection, Never> {
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
        let initializer: @Sendable (any Channel) -> EventLoopFuture<Connection> = { channel in
            channel.eventLoop.makeCompletedFuture {
                try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                return try Connection(wrappingChannelSynchronously: channel)
            }
        }
        switch listener {
        case .path(let path):
            try PluginSocketPath.prepare(path)
            return try await bootstrap.bind(unixDomainSocketPath: path, childChannelInitializer: initializer)
        case .inherited(let descriptor, _):
            return try await bootstrap.bind(descriptor, childChannelInitializer: initializer)
        }
    }

    /// Answers the requests of one connection in order until the engine closes it.
    private func serve(_ connection: Connection) async {
        do {
            try await connection.executeThenClose { inbound, outbound in
                var head: HTTPRequestHead?
                var body = ByteBuffer()
                var tooLarge = false
                // The call is a read (GET, HEAD): its method is in the body's first bytes and the
                // rest is not needed. AuthZRes of `docker ps` carries the whole list: not kept.
                var isRead = false
                for try await part in inbound {
                    switch part {
                    case .head(let requestHead):
                        head = requestHead
                        body.clear()
                        tooLarge = false
                        isRead = false
                    case .body(var chunk):
                        guard !isRead else { continue }
                        if body.readableBytes + chunk.readableBytes > Self.maxRequestBytes {
                            tooLarge = true
                        } else {
                            body.writeBuffer(&chunk)
                        }
                        // The engine writes RequestMethod before any body or header it forwards.
                        if body.readableBytes <= Self.methodScanBytes,
                            let method = AuthzRequest.scanMethod(Array(body.readableBytesView)), method != "POST"
                        {
                            isRead = true
                        }
                    case .end:
                        guard let requestHead = head else { continue }
                        let keepAlive = requestHead.isKeepAlive
                        let path = String(requestHead.uri.prefix { $0 != "?" })
                        let answer: (status: Int, body: [UInt8]) =
                            tooLarge
                            ? (413, AuthzAnswer(allow: false, error: "dockerguard: request too large").json)
                            : await service.respond(path: path, body: Array(body.readableBytesView))
                        var headers = HTTPHeaders()
                        headers.add(name: "Content-Type", value: AuthzService.contentType)
                        headers.add(name: "Content-Length", value: String(answer.body.count))
                        let status = HTTPResponseStatus(statusCode: answer.status)
                        // One write, one flush: the engine waits on this answer.
                        try await outbound.write(contentsOf: [
                            .head(HTTPResponseHead(version: requestHead.version, status: status, headers: headers)),
                            .body(.byteBuffer(ByteBuffer(bytes: answer.body))), .end(nil),
                        ])
                        head = nil
                        if !keepAlive { return }
                    }
                }
            }
        } catch {
            logger.debug("authz connection ended", metadata: ["error": "\(error)"])
        }
    }
}
