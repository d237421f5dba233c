import Glibc
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// HTTP/1.1 over a unix socket, TCP (with or without TLS) or ssh.
///
/// Requests share keep-alive connections (``ConnectionPool``) over a unix socket, TLS and ssh. Over
/// TLS and ssh a connection costs a handshake or a process. Over a unix socket it costs little
/// more than a connect, yet at a thousand containers a sync's thousand inspects spent a fifth of
/// their CPU opening connections (BENCHMARKS.md, "Scale"). Over plain TCP, for which nothing was
/// measured, each request still has a fresh connection. The `/events` stream always holds its own,
/// and so does a stop (``EngineRequest/ownConnection``).
struct HTTPTransport: Sendable {
    let endpoint: EngineEndpoint
    let group: any EventLoopGroup
    let dialer: EngineDialer
    let pool: ConnectionPool?
    /// Answers larger than this are refused rather than buffered (a list of thousands of containers
    /// is a few MB).
    let maxBodyBytes = 64 * 1024 * 1024

    init(endpoint: EngineEndpoint, group: any EventLoopGroup, tls: TLSSetup? = nil) {
        self.endpoint = endpoint
        self.group = group
        let dialer = EngineDialer(endpoint: endpoint, group: group, tls: tls)
        self.dialer = dialer
        switch endpoint {
        case .ssh: pool = ConnectionPool(dialer: dialer, maxBodyBytes: maxBodyBytes, limit: 4)
        case .tcp: pool = tls == nil ? nil : ConnectionPool(dialer: dialer, maxBodyBytes: maxBodyBytes, limit: 4)
        // The engine answers a sync's burst of inspects (32 at a time) on as many goroutines.
        case .unix: pool = ConnectionPool(dialer: dialer, maxBodyBytes: maxBodyBytes, limit: 8)
        }
    }

    typealias Connection = NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>

    /// Sends `request` and buffers the whole answer; gives up after `timeout`.
    func execute(_ request: EngineRequest, apiVersion: APIVersion?, timeout: TimeAmount) async throws(EngineError)
        -> EngineResponse
    {
        if let pool, !request.ownConnection {
            return try await executePooled(request, apiVersion: apiVersion, timeout: timeout, pool: pool)
        }
        let (connection, _) = try await connect()
        let timedOut = NIOLockedValueBox(false)
        let deadline = connection.channel.eventLoop.scheduleTask(in: timeout) {
            timedOut.withLockedValue { $0 = true }
            connection.channel.close(promise: nil)
        }
        defer { deadline.cancel() }
        do {
            // Cancelling the task closes the connection: a hung engine must not hold a cancelled call.
            return try await withTaskCancellationHandler {
                try await exchange(request, apiVersion: apiVersion, on: connection)
            } onCancel: {
                connection.channel.close(promise: nil)
            }
        } catch let error as EngineError {
            throw timedOut.withLockedValue({ $0 }) ? .timeout(operation: "\(request.method) \(request.path)") : error
        } catch {
            if timedOut.withLockedValue({ $0 }) { throw .timeout(operation: "\(request.method) \(request.path)") }
            throw .unreachable(endpoint: endpoint.description, reason: Self.describe(error))
        }
    }

    /// Writes `request` on `connection` and buffers the whole answer.
    private func exchange(_ request: EngineRequest, apiVersion: APIVersion?, on connection: Connection) async throws
        -> EngineResponse
    {
        try await connection.executeThenClose { inbound, outbound in
            try await send(request, apiVersion: apiVersion, on: outbound)
            var parts = inbound.makeAsyncIterator()
            let head = try await Self.readHead(&parts)
            var body: [UInt8] = []
            while let part = try await parts.next() {
                switch part {
                case .body(let buffer):
                    guard body.count + buffer.readableBytes <= maxBodyBytes else {
                        throw EngineError.invalidResponse("answer larger than \(maxBodyBytes) bytes")
                    }
                    body.append(contentsOf: buffer.readableBytesView)
                case .end:
                    return EngineResponse(status: Int(head.status.code), headers: head.headers, body: body)
                case .head:
                    throw EngineError.invalidResponse("second response head")
                }
            }
            throw EngineError.unreachable(endpoint: endpoint.description, reason: "connection closed mid-answer")
        }
    }

    /// Sends `request` and hands the answer's head and then each body chunk to the callbacks as they
    /// arrive, for as long as the engine keeps the answer open. Cancelling the task closes the connection.
    func stream(
        _ request: EngineRequest,
        apiVersion: APIVersion?,
        onSent: @Sendable () -> Void = {},
        onHead: @Sendable (HTTPResponseHead) async throws -> Void,
        onBody: @Sendable (ByteBuffer) async throws -> Void
    ) async throws(EngineError) {
        let (connection, process) = try await connect()
        do {
            try await withTaskCancellationHandler {
                try await connection.executeThenClose { inbound, outbound in
                    try await send(request, apiVersion: apiVersion, on: outbound)
                    onSent()
                    var parts = inbound.makeAsyncIterator()
                    let head = try await Self.readHead(&parts)
                    guard (200..<300).contains(Int(head.status.code)) else {
                        var body: [UInt8] = []
                        while case .body(let buffer)? = try await parts.next(), body.count < 65536 {
                            body.append(contentsOf: buffer.readableBytesView)
                        }
                        throw EngineError.from(status: Int(head.status.code), body: body)
                    }
                    try await onHead(head)
                    while let part = try await parts.next() {
                        switch part {
                        case .body(let buffer): try await onBody(buffer)
                        case .end: return
                        case .head: throw EngineError.invalidResponse("second response head")
                        }
                    }
                    throw EngineError.unreachable(endpoint: endpoint.description, reason: "stream closed by the engine")
                }
            } onCancel: {
                connection.channel.close(promise: nil)
            }
        } catch let error as EngineError {
            throw error
        } catch is CancellationError {
            throw .unreachable(endpoint: endpoint.description, reason: "cancelled")
        } catch {
            throw .unreachable(endpoint: endpoint.description, reason: await dialer.describe(error, process: process))
        }
    }

    private func executePooled(
        _ request: EngineRequest, apiVersion: APIVersion?, timeout: TimeAmount, pool: ConnectionPool
    ) async throws(EngineError) -> EngineResponse {
        let timedOut = NIOLockedValueBox(false)
        do {
            return try await pool.execute(
                head: requestHead(request, apiVersion: apiVersion), body: request.body, timeout: timeout,
                timedOut: timedOut)
        } catch {
            if timedOut.withLockedValue({ $0 }) { throw .timeout(operation: "\(request.method) \(request.path)") }
            if let error = error as? EngineError { throw error }
            if let failure = error as? PooledFailure {
                throw .unreachable(endpoint: endpoint.description, reason: failure.description)
            }
            throw .unreachable(endpoint: endpoint.description, reason: Self.describe(error))
        }
    }

    private func connect() async throws(EngineError) -> (Connection, SSHProcess?) {
        let initializer: @Sendable (any Channel) -> EventLoopFuture<Connection> = { channel in
            channel.eventLoop.makeCompletedFuture {
                try channel.pipeline.syncOperations.addHTTPClientHandlers()
                return try Connection(wrappingChannelSynchronously: channel)
            }
        }
        do {
            return try await dialer.connect(initializer)
        } catch let error as EngineError {
            throw error
        } catch {
            throw .unreachable(endpoint: endpoint.description, reason: await dialer.describe(error, process: nil))
        }
    }

    private func send(
        _ request: EngineRequest,
        apiVersion: APIVersion?,
        on outbound: NIOAsyncChannelOutboundWriter<HTTPClientRequestPart>
    ) async throws {
        try await outbound.write(.head(requestHead(request, apiVersion: apiVersion)))
        if let body = request.body {
            try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: body))))
        }
        try await outbound.write(.end(nil))
    }

    private func requestHead(_ request: EngineRequest, apiVersion: APIVersion?) -> HTTPRequestHead {
        var headers = HTTPHeaders()
        headers.add(name: "Host", value: endpoint.hostHeader)
        headers.add(name: "User-Agent", value: "dockerguard")
        if let body = request.body {
            headers.add(name: "Content-Type", value: "application/json")
            headers.add(name: "Content-Length", value: String(body.count))
        } else if request.method == .POST {
            headers.add(name: "Content-Length", value: "0")
        }
        return HTTPRequestHead(
            version: .http1_1, method: request.method, uri: request.target(apiVersion: apiVersion), headers: headers)
    }

    private static func readHead(
        _ parts: inout NIOAsyncChannelInboundStream<HTTPClientResponsePart>.AsyncIterator
    ) async throws -> HTTPResponseHead {
        guard case .head(let head)? = try await parts.next() else {
            throw EngineError.invalidResponse("connection closed before an answer")
        }
        return head
    }

    static func describe(_ error: any Error) -> String {
        ConnectionFailure.words(for: error)
    }
}
