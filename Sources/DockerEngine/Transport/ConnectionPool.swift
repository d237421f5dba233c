import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1

/// Keep-alive connections for the endpoints where a connection is dear: over ssh each one is an ssh
/// process and a `docker system dial-stdio` on the far side, over TLS a handshake. At most four
/// requests at once; each takes an idle connection or opens one, and gives it back when the engine
/// keeps it open; the event stream never comes from here.
final class ConnectionPool: Sendable {
    private struct Idle: Sendable {
        var channel: any Channel
        /// The handler, used on the channel's event loop only.
        var exchange: NIOLoopBound<KeepAliveExchange>
        var process: SSHProcess?
    }

    private let dialer: EngineDialer
    private let maxBodyBytes: Int
    private let idle = NIOLockedValueBox<[Idle]>([])
    /// Connections at once, and idle ones kept: the guard's requests come a few at a time, and a
    /// burst (a sync's inspects) waits for these rather than opening more.
    private let maxIdle = 4
    private let slots = RequestSlots(limit: 4)

    init(dialer: EngineDialer, maxBodyBytes: Int) {
        self.dialer = dialer
        self.maxBodyBytes = maxBodyBytes
    }

    /// Sends `head` (and `body`) and buffers the answer; closes the connection after `timeout`.
    /// A reused connection that turns out dead (the engine restarted, ssh ended) is retried once on
    /// a new one, before anything of the answer came.
    func execute(head: HTTPRequestHead, body: [UInt8]?, timeout: TimeAmount, timedOut: NIOLockedValueBox<Bool>)
        async throws -> EngineResponse
    {
        await slots.acquire()
        defer { slots.release() }
        if let reused = takeIdle() {
            do {
                return try await exchange(on: reused, head: head, body: body, timeout: timeout, timedOut: timedOut)
            } catch  where !timedOut.withLockedValue({ $0 }) && Self.isClosed(error) {
                // Stale: fall through to a fresh connection.
            }
        }
        let fresh = try await open()
        do {
            return try await exchange(on: fresh, head: head, body: body, timeout: timeout, timedOut: timedOut)
        } catch {
            if timedOut.withLockedValue({ $0 }) { throw error }
            throw PooledFailure(error: error, description: await dialer.describe(error, process: fresh.process))
        }
    }

    func closeAll() {
        let all = idle.withLockedValue { idle in
            defer { idle = [] }
            return idle
        }
        for connection in all { connection.channel.close(promise: nil) }
    }

    private func takeIdle() -> Idle? {
        idle.withLockedValue { idle in
            while let last = idle.popLast() {
                if last.channel.isActive { return last }
                last.channel.close(promise: nil)
            }
            return nil
        }
    }

    private func giveBack(_ connection: Idle) {
        let kept =
            connection.channel.isActive
            && idle.withLockedValue { idle in
                guard idle.count < maxIdle else { return false }
                idle.append(connection)
                return true
            }
        if !kept { connection.channel.close(promise: nil) }
    }

    private func open() async throws -> Idle {
        let maxBodyBytes = self.maxBodyBytes
        do {
            let (pair, process) = try await dialer.connect { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    let exchange = KeepAliveExchange(maxBodyBytes: maxBodyBytes)
                    try channel.pipeline.syncOperations.addHandler(exchange)
                    return Pair(channel: channel, exchange: NIOLoopBound(exchange, eventLoop: channel.eventLoop))
                }
            }
            return Idle(channel: pair.channel, exchange: pair.exchange, process: process)
        } catch {
            throw PooledFailure(error: error, description: await dialer.describe(error, process: nil))
        }
    }

    private func exchange(
        on connection: Idle, head: HTTPRequestHead, body: [UInt8]?, timeout: TimeAmount,
        timedOut: NIOLockedValueBox<Bool>
    ) async throws -> EngineResponse {
        let channel = connection.channel
        let exchange = connection.exchange
        let promise = channel.eventLoop.makePromise(of: KeepAliveExchange.Answer.self)
        let deadline = channel.eventLoop.scheduleTask(in: timeout) {
            timedOut.withLockedValue { $0 = true }
            channel.close(promise: nil)
        }
        defer { deadline.cancel() }
        channel.eventLoop.execute {
            exchange.value.start(promise)
            channel.write(HTTPClientRequestPart.head(head), promise: nil)
            if let body {
                channel.write(HTTPClientRequestPart.body(.byteBuffer(ByteBuffer(bytes: body))), promise: nil)
            }
            channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
        }
        let answer = try await withTaskCancellationHandler {
            try await promise.futureResult.get()
        } onCancel: {
            channel.close(promise: nil)
        }
        if answer.reusable { giveBack(connection) } else { channel.close(promise: nil) }
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
