import NIOCore
import NIOHTTP1

/// One request at a time on a connection that stays open: the handler of a pooled connection.
/// Everything here runs on the channel's event loop.
final class KeepAliveExchange: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPClientResponsePart

    struct Answer: Sendable {
        var response: EngineResponse
        /// The engine keeps the connection open for the next request.
        var reusable: Bool
    }

    private var pending: EventLoopPromise<Answer>?
    private var head: HTTPResponseHead?
    private var body: [UInt8] = []
    private let maxBodyBytes: Int
    /// The error that closed the connection before it answered anything: what its first request
    /// fails with (a TLS handshake can fail before that request is written, and all the request
    /// would see is a closed channel). A connection that has answered keeps failing as closed, so
    /// that a stale kept connection is retried on a new one.
    private(set) var closedBy: (any Error)?
    private var hasAnswered = false

    init(maxBodyBytes: Int) {
        self.maxBodyBytes = maxBodyBytes
    }

    /// Starts an exchange; the connection must be idle.
    func start(_ promise: EventLoopPromise<Answer>) {
        precondition(pending == nil, "one exchange at a time")
        pending = promise
        head = nil
        body = []
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let responseHead):
            head = responseHead
        case .body(let buffer):
            guard body.count + buffer.readableBytes <= maxBodyBytes else {
                fail(EngineError.invalidResponse("answer larger than \(maxBodyBytes) bytes"), context: context)
                return
            }
            body.append(contentsOf: buffer.readableBytesView)
        case .end:
            guard let head, let promise = pending else { return }
            pending = nil
            let response = EngineResponse(status: Int(head.status.code), headers: head.headers, body: body)
            body = []
            hasAnswered = true
            promise.succeed(Answer(response: response, reusable: head.isKeepAlive))
        }
    }

    /// Fails the exchange in progress, if any: its request could not be written.
    func abandon(_ error: any Error) {
        pending?.fail(closedBy ?? error)
        pending = nil
    }

    func channelInactive(context: ChannelHandlerContext) {
        pending?.fail(closedBy ?? ChannelError.eof)
        pending = nil
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(error, context: context)
    }

    private func fail(_ error: any Error, context: ChannelHandlerContext) {
        if closedBy == nil, !hasAnswered { closedBy = error }
        pending?.fail(error)
        pending = nil
        context.close(promise: nil)
    }
}
