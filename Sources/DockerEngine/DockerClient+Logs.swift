import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1

extension DockerClient {
    /// `GET /containers/{id}/logs?follow=1&stdout=1&stderr=1&timestamps=1&tail=N`: the container's
    /// output as lines, the last `tail` first, then as it is written, until the container stops
    /// (the stream then finishes) or the iteration ends (which closes the connection).
    ///
    /// - Parameter tty: the container runs with a TTY, so its output is one raw stream; otherwise
    ///   it comes in multiplexed frames that say stdout or stderr.
    /// - Returns: batches of lines, one batch per chunk the engine sent, so a fast writer costs
    ///   one wake-up per chunk rather than per line.
    public func followLogs(_ id: String, tail: Int, tty: Bool, timestamps: Bool = true) async throws(EngineError)
        -> AsyncThrowingStream<[LogLine], any Error>
    {
        var request = EngineRequest(method: .GET, path: "/containers/\(Self.pathSegment(id))/logs")
        request.query += [("follow", "1"), ("stdout", "1"), ("stderr", "1"), ("tail", String(max(tail, 0)))]
        if timestamps { request.query.append(("timestamps", "1")) }
        let version = try await currentAPIVersion()
        let (stream, continuation) = AsyncThrowingStream<[LogLine], any Error>.makeStream()
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
                        if !lines.isEmpty { continuation.yield(lines) }
                    })
                let rest = box.withLockedValue { $0.1.finish() }
                if !rest.isEmpty { continuation.yield(rest) }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    /// `GET /containers/{id}/json` as the engine wrote it, for showing rather than decoding.
    public func inspectContainerJSON(_ id: String) async throws(EngineError) -> [UInt8] {
        let response = try await send(EngineRequest(method: .GET, path: "/containers/\(Self.pathSegment(id))/json"))
        guard response.isSuccess else { throw EngineError.from(status: response.status, body: response.body) }
        return response.body
    }
}
