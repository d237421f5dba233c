import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1

extension DockerClient {
    /// Subscribes to `GET /events` and returns once the engine has accepted the subscription, so
    /// that anything the caller reads from the engine afterwards is covered by the stream.
    ///
    /// - Parameters:
    ///   - since: resume point, `seconds.nanoseconds` (see `EngineEvent.sinceParameter`); the engine
    ///     replays what happened after it.
    ///   - filters: the engine's filter syntax, e.g. `["type": ["container"]]`.
    /// - Returns: the events as they arrive. The stream ends with an error when the connection is
    ///   lost; ending the iteration closes the connection.
    public func events(since: String? = nil, filters: [String: [String]] = [:]) async throws(EngineError)
        -> AsyncThrowingStream<EngineEvent, any Error>
    {
        let version = try await currentAPIVersion()
        let dialect = self.dialect ?? .docker
        var request = EngineRequest(method: .GET, path: "/events")
        if let since = since ?? dialect.subscriptionSince() { request.query.append(("since", since)) }
        if !filters.isEmpty { request.query.append(("filters", try Self.encodeFilters(filters))) }

        let (stream, continuation) = AsyncThrowingStream<EngineEvent, any Error>.makeStream()
        let subscribed = SubscriptionSignal()
        let transport = self.transport
        let endpoint = self.endpoint
        // The reader is a task of its own: give it the client's executor, if any, so events are not
        // read on threads a busy HTTP server keeps full.
        let task = Task(executorPreference: taskExecutor) {
            // onBody runs sequentially; the box only satisfies Sendable.
            let box = NIOLockedValueBox(EventStreamDecoder())
            do {
                try await transport.stream(
                    request, apiVersion: version,
                    onSent: { if dialect.isPodman { subscribed.resolve(nil) } },
                    onHead: { _ in subscribed.resolve(nil) },
                    onBody: { buffer in
                        let events = try box.withLockedValue { decoder in try decoder.decode(buffer.readableBytesView) }
                        for event in events { continuation.yield(dialect.normalized(event)) }
                    })
                continuation.finish(
                    throwing: EngineError.unreachable(endpoint: endpoint.description, reason: "event stream ended"))
            } catch {
                subscribed.resolve(error)
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        // The reader is not this task's child: a caller cancelled (a shutdown), or an engine that
        // accepts and never answers, must not hold this call for good.
        let deadline = Task { [requestTimeout] in
            try await Task.sleep(for: .nanoseconds(requestTimeout.nanoseconds))
            subscribed.resolve(EngineError.timeout(operation: "GET /events"))
        }
        defer { deadline.cancel() }
        let outcome = await withTaskCancellationHandler {
            await subscribed.wait()
        } onCancel: {
            subscribed.resolve(EngineError.unreachable(endpoint: endpoint.description, reason: "cancelled"))
        }
        if let error = outcome {
            task.cancel()
            throw error
        }
        return stream
    }
}

/// Resolved once: when the engine answers the subscription, or when it fails first.
private final class SubscriptionSignal: Sendable {
    private enum State {
        case waiting(CheckedContinuation<EngineError?, Never>?)
        case resolved(EngineError?)
    }
    private let state = NIOLockedValueBox(State.waiting(nil))

    func resolve(_ error: (any Error)?) {
        let outcome = error.map { $0 as? EngineError ?? .unreachable(endpoint: "", reason: "\($0)") }
        let waiter: CheckedContinuation<EngineError?, Never>? = state.withLockedValue { state in
            guard case .waiting(let waiter) = state else { return nil }
            state = .resolved(outcome)
            return waiter
        }
        waiter?.resume(returning: outcome)
    }

    func wait() async -> EngineError? {
        await withCheckedContinuation { continuation in
            let resolved: EngineError?? = state.withLockedValue { state in
                switch state {
                case .waiting:
                    state = .waiting(continuation)
                    return .none
                case .resolved(let outcome):
                    return .some(outcome)
                }
            }
            if case .some(let outcome) = resolved { continuation.resume(returning: outcome) }
        }
    }
}
