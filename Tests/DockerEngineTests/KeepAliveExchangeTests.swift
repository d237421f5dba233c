import NIOCore
import NIOEmbedded
import NIOHTTP1
import Testing

@testable import DockerEngine

/// Why a pooled connection closed reaches the request that finds it closed, but only for a
/// connection that never answered (one that has answered must look stale, so it is retried).
@Suite("KeepAliveExchange: the error a connection closed with")
struct KeepAliveExchangeTests {
    struct HandshakeFailed: Error {}

    @Test("an error before the first answer is kept; the pending request fails with it")
    func errorBeforeAnyAnswer() throws {
        let exchange = KeepAliveExchange(maxBodyBytes: 1024)
        let channel = EmbeddedChannel(handler: exchange)
        channel.pipeline.fireErrorCaught(HandshakeFailed())
        #expect(exchange.closedBy is HandshakeFailed)
        #expect(!channel.isActive)

        // A request that came after the close: what the pool fails it with.
        let late = channel.eventLoop.makePromise(of: KeepAliveExchange.Answer.self)
        exchange.start(late)
        exchange.abandon(ChannelError.ioOnClosedChannel)
        #expect(throws: HandshakeFailed.self) { try late.futureResult.wait() }
    }

    @Test("after an answer, a later error is not kept: the closed connection reads as stale")
    func errorAfterAnAnswer() throws {
        let exchange = KeepAliveExchange(maxBodyBytes: 1024)
        let channel = EmbeddedChannel(handler: exchange)
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        let first = channel.eventLoop.makePromise(of: KeepAliveExchange.Answer.self)
        exchange.start(first)
        try channel.writeInbound(HTTPClientResponsePart.head(HTTPResponseHead(version: .http1_1, status: .ok)))
        try channel.writeInbound(HTTPClientResponsePart.end(nil))
        #expect(try first.futureResult.wait().response.status == 200)

        channel.pipeline.fireErrorCaught(HandshakeFailed())
        #expect(exchange.closedBy == nil)
        let next = channel.eventLoop.makePromise(of: KeepAliveExchange.Answer.self)
        exchange.start(next)
        exchange.abandon(ChannelError.ioOnClosedChannel)
        #expect(throws: ChannelError.self) { try next.futureResult.wait() }
    }
}
