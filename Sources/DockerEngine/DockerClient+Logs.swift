import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1

extension DockerClient {
    /// `GET /containers/{id}/logs?follow=1&stdout=1&stderr=1&timestamps=1&tail=N`: the container's
    /// output as lines, the last `tail` first, then as it is written, until the container stops
    /// (the stream then finishes) or the iteration ends (which closes the connection).
    ///
    /// - Parameters:
    ///   - tty: the container runs with a TTY, so its output is one raw stream; otherwise it comes
    ///     in multiplexed frames that say stdout or stderr.
    ///   - keepingAtMost: lines that may wait for a reader that is behind; older ones are skipped
    ///     (and counted), so a container writing faster than the reader cannot grow memory.
    /// - Returns: batches of every line read since the last batch, so a fast writer costs one
    ///   wake-up per batch rather than per line or per chunk.
    public func followLogs(
        _ id: String, tail: Int, tty: Bool, timestamps: Bool = true, keepingAtMost limit: Int = 10_000
    ) async throws(EngineError) -> LogLineStream {
        var request = EngineRequest(method: .GET, path: "/containers/\(Self.pathSegment(id))/logs")
        request.query += [("follow", "1"), ("stdout", "1"), ("stderr", "1"), ("tail", String(max(tail, 0)))]
        if timestamps { request.query.append(("timestamps", "1")) }
        let version = try await currentAPIVersion()
        let pending = PendingLogLines(limit: limit)
        // One signal waiting is enough: the reader takes everything pending when it wakes.
        let (signals, continuation) = AsyncThrowingStream<Void, any Error>.makeStream(
            bufferingPolicy: .bufferingNewest(1))
        let transport = self.transport
        let task = Task(executorPreference: taskExecutor) {
            // onBody runs sequentially; the box only satisfies Sendable.
            let box = NIOLockedValueBox((MultiplexedStreamDecoder(), LogLineSplitter()))
            do {
                try await transport.stream(
                    request, apiVersion: version, onHead: { _ in },
                    onBody: { buffer in
                        let lines = try box.withLockedValue { state in
                            let chunks =
                                tty
                                ? [LogChunk(stream: .stdout, bytes: Array(buffer.readableBytesView))]
                                : try state.0.feed(buffer.readableBytesView)
                            return chunks.flatMap { state.1.feed($0) }
                        }
                        guard !lines.isEmpty else { return }
                        pending.add(lines)
                        continuation.yield()
                    })
                let rest = box.withLockedValue { $0.1.finish() }
                if !rest.isEmpty { pending.add(rest) }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return LogLineStream(pending: pending, signals: signals)
    }

    /// `GET /containers/{id}/json` as the engine wrote it, for showing rather than decoding.
    public func inspectContainerJSON(_ id: String) async throws(EngineError) -> [UInt8] {
        let response = try await send(EngineRequest(method: .GET, path: "/containers/\(Self.pathSegment(id))/json"))
        guard response.isSuccess else { throw EngineError.from(status: response.status, body: response.body) }
        return response.body
    }
}
