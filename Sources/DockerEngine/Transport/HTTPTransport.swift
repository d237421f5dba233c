import Glibc
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// HTTP/1.1 over a unix socket or TCP, one connection per request.
///
/// A fresh connection per request keeps the client stateless: a unix-socket connect costs tens of
/// microseconds, there is no pool to drain when the engine restarts, and the `/events` stream holds
/// its own connection for as long as it runs.
struct HTTPTransport: Sendable {
    let endpoint: EngineEndpoint
    let group: any EventLoopGroup
    var connectTimeout: TimeAmount = .seconds(5)
    /// Answers larger than this are refused rather than buffered (a list of thousands of containers
    /// is a few MB).
    var maxBodyBytes = 64 * 1024 * 1024

    typealias Connection = NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>

    /// Sends `request` and buffers the whole answer; gives up after `timeout`.
    func execute(_ request: EngineRequest, apiVersion: APIVersion?, timeout: TimeAmount) async throws(EngineError)
        -> EngineResponse
    {
        let connection = try await connect()
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
        onHead: @Sendable (HTTPResponseHead) async throws -> Void,
        onBody: @Sendable (ByteBuffer) async throws -> Void
    ) async throws(EngineError) {
        let connection = try await connect()
        do {
            try await withTaskCancellationHandler {
                try await connection.executeThenClose { inbound, outbound in
                    try await send(request, apiVersion: apiVersion, on: outbound)
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
            throw .unreachable(endpoint: endpoint.description, reason: Self.describe(error))
        }
    }

    private func connect() async throws(EngineError) -> Connection {
        let bootstrap = ClientBootstrap(group: group).connectTimeout(connectTimeout)
        let initializer: @Sendable (any Channel) -> EventLoopFuture<Connection> = { channel in
            channel.eventLoop.makeCompletedFuture {
                try channel.pipeline.syncOperations.addHTTPClientHandlers()
                return try Connection(wrappingChannelSynchronously: channel)
            }
        }
        do {
            switch endpoint {
            case .unix(let path):
                return try await bootstrap.connect(unixDomainSocketPath: path, channelInitializer: initializer)
            case .tcp(let host, let port):
                return try await bootstrap.connect(host: host, port: port, channelInitializer: initializer)
            }
        } catch {
            throw .unreachable(endpoint: endpoint.description, reason: Self.describe(error))
        }
    }

    private func send(
        _ request: EngineRequest,
        apiVersion: APIVersion?,
        on outbound: NIOAsyncChannelOutboundWriter<HTTPClientRequestPart>
    ) async throws {
        var headers = HTTPHeaders()
        headers.add(name: "Host", value: endpoint.hostHeader)
        headers.add(name: "User-Agent", value: "dockerguard")
        if let body = request.body {
            headers.add(name: "Content-Type", value: "application/json")
            headers.add(name: "Content-Length", value: String(body.count))
        } else if request.method == .POST {
            headers.add(name: "Content-Length", value: "0")
        }
        let head = HTTPRequestHead(
            version: .http1_1, method: request.method, uri: request.target(apiVersion: apiVersion), headers: headers)
        try await outbound.write(.head(head))
        if let body = request.body {
            try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: body))))
        }
        try await outbound.write(.end(nil))
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
