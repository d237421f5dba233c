import NIOCore
import NIOHTTP1

/// Answers a request the HTTP parser cannot read (a garbage request line, a broken header) with
/// the API's JSON error body, then closes the connection. Without it Hummingbird answers such a
/// request with an empty 400, and every answer of the API is JSON.
///
/// It sits right after NIO's request decoder, where requests are still NIOHTTP1 parts (see
/// ``BadRequestHandler/Installer``), and keeps the parser's error from Hummingbird, which would
/// answer a second time.
final class BadRequestHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    /// A response has begun and not ended: no second one can be put in the middle of it.
    private var responseOpen = false

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard error is HTTPParserError else {
            context.fireErrorCaught(error)
            return
        }
        guard !responseOpen else {
            context.close(promise: nil)
            return
        }
        let body = JSONBody.encode(JSONBody.ErrorBody(error: "malformed HTTP request", status: 400))
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json")
        headers.add(name: "Content-Length", value: "\(body.readableBytes)")
        headers.add(name: "Connection", value: "close")
        let head = HTTPResponseHead(version: .http1_1, status: .badRequest, headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
        let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in bound.value.close(promise: nil) }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(let head) where head.status.code >= 200: responseOpen = true
        case .end: responseOpen = false
        default: break
        }
        context.write(data, promise: promise)
    }

    /// Hummingbird adds extra handlers after its HTTP/1 codec, where the parts are of another type;
    /// this one puts a ``BadRequestHandler`` right after the request decoder instead.
    final class Installer: ChannelInboundHandler, RemovableChannelHandler {
        typealias InboundIn = NIOAny

        func handlerAdded(context: ChannelHandlerContext) {
            let pipeline = context.pipeline.syncOperations
            guard let decoder = try? pipeline.context(handlerType: ByteToMessageHandler<HTTPRequestDecoder>.self)
            else { return }
            try? pipeline.addHandler(BadRequestHandler(), position: .after(decoder.handler))
        }
    }
}
