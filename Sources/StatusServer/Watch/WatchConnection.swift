import NIOCore
import NIOHTTP1

/// A watch client's HTTP connection, written to by the hub directly once the client's `sync` is
/// on its way. A change goes to a hundred clients as one hop onto each event loop, which then
/// writes every connection it owns; going through each response's own writer task instead cost
/// a task wake-up and a hop per client per change (BENCHMARKS.md, "The watch stream's fan-out").
///
/// An event is framed once, as an HTTP/1.1 chunk, for every client, and enters each pipeline just
/// below its HTTP/1 encoder. A watch response is always chunked there: it is a 200 to a GET with no
/// length, and Hummingbird answers HTTP/1.1. The `sync` before it and the end after it go through
/// the response's writer and the encoder; the event loop keeps them all in order.
final class WatchConnection: Sendable {
    let channel: any Channel
    /// The encoder's place in the pipeline, found on the first write (on the event loop).
    private let encoder: NIOLoopBoundBox<ChannelHandlerContext?>

    init(channel: any Channel) {
        self.channel = channel
        self.encoder = .makeEmptyBox(valueType: ChannelHandlerContext.self, eventLoop: channel.eventLoop)
    }

    /// `bytes` as one chunk of a chunked HTTP/1.1 body.
    static func chunk(_ bytes: ByteBuffer) -> ByteBuffer {
        var chunk = ByteBuffer()
        chunk.reserveCapacity(bytes.readableBytes + 16)
        chunk.writeString(String(bytes.readableBytes, radix: 16))
        chunk.writeStaticString("\r\n")
        chunk.writeImmutableBuffer(bytes)
        chunk.writeStaticString("\r\n")
        return chunk
    }

    /// Writes `chunk` (made by ``chunk(_:)``) to each client's connection on its event loop.
    static func write(_ chunk: ByteBuffer, to clients: [WatchHub.Client]) {
        // A few loops (one per core): a search of this list costs less than hashing each client.
        var byLoop: [(loop: any EventLoop, clients: [WatchHub.Client])] = []
        for client in clients {
            let loop = client.connection.channel.eventLoop
            if let index = byLoop.firstIndex(where: { $0.loop === loop }) {
                byLoop[index].clients.append(client)
            } else {
                byLoop.append((loop, [client]))
            }
        }
        for (loop, clients) in byLoop {
            loop.execute {
                for client in clients { client.connection.write(chunk) }
            }
        }
    }

    /// On the event loop. A write to a closed connection is dropped: the hub forgets the client
    /// when it closes.
    private func write(_ chunk: ByteBuffer) {
        if encoder.value == nil {
            encoder.value = try? channel.pipeline.syncOperations.context(handlerType: HTTPResponseEncoder.self)
        }
        encoder.value?.writeAndFlush(NIOAny(chunk), promise: nil)
    }
}
