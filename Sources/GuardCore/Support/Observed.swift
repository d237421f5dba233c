import Synchronization

/// A value any thread can read, whose changes can be followed. A slow follower skips to the newest
/// value instead of queueing every change, so bursts cost it one wake-up.
public final class Observed<Value: Sendable>: Sendable {
    private let state: Mutex<Value>
    private let subscribers = Mutex<[Int: AsyncStream<Value>.Continuation]>([:])
    private let nextID = Atomic<Int>(0)

    public init(_ value: Value) {
        state = Mutex(value)
    }

    public var value: Value { state.withLock { $0 } }

    /// The value at once, then every change.
    public func changes() -> AsyncStream<Value> {
        let (stream, continuation) = AsyncStream<Value>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let id = nextID.add(1, ordering: .relaxed).newValue
        // Registering and yielding under the lock orders the first value before any later change.
        state.withLock { value in
            subscribers.withLock { $0[id] = continuation }
            continuation.yield(value)
        }
        continuation.onTermination = { [weak self] _ in self?.subscribers.withLock { _ = $0.removeValue(forKey: id) } }
        return stream
    }

    /// Changes the value and tells every follower.
    public func update(_ change: (inout Value) -> Void) {
        state.withLock { value in
            change(&value)
            for continuation in subscribers.withLock({ Array($0.values) }) { continuation.yield(value) }
        }
    }
}
