import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1

/// Keep-alive connections: over ssh each one is an ssh process and a `docker system dial-stdio` on
/// the far side, over TLS a handshake, over a unix socket a connect and its setup. At most `limit`,
/// lent one request at a time and opened only when waiting would cost more (``ConnectionLeases``);
/// the event stream never comes from here.
final class ConnectionPool: Sendable {
    struct Connection: Sendable {
        var channel: any Channel
        /// The handler, used on the channel's event loop only.
        var exchange: NIOLoopBound<KeepAliveExchange>
        var process: SSHProcess?
        /// Requests it has answered: a kept connection may have been ended meanwhile.
        var answered = 0
    }

    private let dialer: EngineDialer
    /// The guard's requests come a few at a time, and a burst (a sync's inspects) shares these.
    private let leases: ConnectionLeases<Connection>

    init(dialer: EngineDialer, maxBodyBytes: Int, limit: Int) {
        self.dialer = dialer
        leases = ConnectionLeases(
            limit: limit, open: { try await Self.open(dialer: dialer, maxBodyBytes: maxBodyBytes) },
            isUsable: { $0.channel.isActive }, close: { $0.channel.close(promise: nil) })
    }

    /// Sends `head` (and `body`) and buffers the answer; closes the connection after `timeout`.
    /// A kept connection that turns out dead (the engine restarted, ssh ended) is retried once on
    /// a new one, before anything of the answer came.
    func execute(head: HTTPRequestHead, body: [UInt8]?, timeout: TimeAmount, timedOut: NIOLockedValueBox<Bool>)
        async throws -> EngineResponse
    {
        var connection = try await leases.acquire()
        if connection.answered > 0 {
            do {
                return try await exchange(on: connection, head: head, body: body, timeout: timeout, timedOut: timedOut)
            } catch  where !timedOut.withLockedValue({ $0 }) && Self.isClosed(error) {
                // Stale: once more, on a fresh connection.
                connection = try await leases.openFresh()
            }
        }
        do {
            return try await exchange(on: connection, head: head, body: body, timeout: timeout, timedOut: timedOut)
        } catch {
            if timedOut.withLockedValue({ $0 }) { throw error }
            throw PooledFailure(error: error, description: await dialer.describe(error, process: connection.process))
        }
    }

    func closeAll() {
        leases.closeAll()
    }

    private static func open(dialer: EngineDialer, maxBodyBytes: Int) async throws -> Connection {
        do {
            let (pair, process) = try await dialer.connect { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    let exchange = KeepAliveExchange(maxBodyBytes: maxBodyBytes)
                    try channel.pipeline.syncOperations.addHandler(exchange)
                    return Pair(channel: channel, exchange: NIOLoopBound(exchange, eventLoop: channel.eventLoop))
                }
            }
            return Connection(channel: pair.channel, exchange: pair.exchange, process: process)
        } catch {
            throw PooledFailure(error: error, description: await dialer.describe(error, process: nil))
        }
    }

    /// One request and its answer on `connection`, which goes back to the leases either way.
    private func exchange(
        on connection: Connection, head: HTTPRequestHead, body: [UInt8]?, timeout: TimeAmount,
        timedOut: NIOLockedValueBox<Bool>
    ) async throws -> EngineResponse {
        let channel = connection.channel
        let exchange = connection.exchange
        let started = ContinuousClock.now
        let promise = channel.eventLoop.makePromise(of: KeepAliveExchange.Answer.self)
        let deadline = channel.eventLoop.scheduleTask(in: timeout) {
            timedOut.withLockedValue { $0 = true }
            channel.close(promise: nil)
        }
        defer { deadline.cancel() }
        channel.eventLoop.execute {
            // A connection that closed before this ran has already had its channelInactive: nothing
            // would ever answer the exchange, and no timeout or cancellation could end it.
            guard channel.isActive else {
                return promise.fail(exchange.value.closedBy ?? ChannelError.ioOnClosedChannel)
            }
            exchange.value.start(promise)
            channel.write(HTTPClientRequestPart.head(head), promise: nil)
            if let body {
                channel.write(HTTPClientRequestPart.body(.byteBuffer(ByteBuffer(bytes: body))), promise: nil)
            }
            let sent = channel.eventLoop.makePromise(of: Void.self)
            sent.futureResult.whenFailure { error in exchange.value.abandon(error) }
            channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: sent)
        }
        let answer: KeepAliveExchange.Answer
        do {
            answer = try await withTaskCancellationHandler {
                try await promise.futureResult.get()
            } onCancel: {
                channel.close(promise: nil)
            }
        } catch {
            leases.release(connection, reusable: false)
            throw error
        }
        var answered = connection
        answered.answered += 1
        let held = ContinuousClock.now - started
        leases.release(
            answered, reusable: answer.reusable,
            heldFor: Double(held.components.seconds) + Double(held.components.attoseconds) / 1e18,
            first: connection.answered == 0)
        return answer.response
    }

    private static func isClosed(_ error: any Error) -> Bool {
        guard let error = error as? ChannelError else { return false }
        switch error {
        case .eof, .ioOnClosedChannel, .alreadyClosed, .outputClosed, .inputClosed: return true
        default: return false
        }
    }
}

/// A failure with the words the dialer found for it (ssh's last line, the TLS file at fault).
struct PooledFailure: Error {
    var error: any Error
    var description: String
}

/// The channel and its handler, made on the event loop and handed out of the initializer.
private struct Pair: Sendable {
    var channel: any Channel
    var exchange: NIOLoopBound<KeepAliveExchange>
}
