import Synchronization

/// The allow-list in force, shared by the enforcer, the API and the UI.
///
/// A file that fails to parse never replaces the list in force: it only records the error, which
/// the log, `/healthz`, `GET /allowlist` and the UI show until a good file arrives.
public final class PolicyState: Sendable {
    public struct Current: Sendable {
        /// Nil until a valid file has been read: with no list there is nothing to judge by, and
        /// the enforcer holds its hand rather than treat every container as violating.
        public var allowList: AllowList?
        /// Changes with every applied list and every load error, for caches and subscribers.
        public var version: UInt64
        public var path: String
        /// The last load's error (`path:line:column: message` lines), nil when the file in force is the file on disk.
        public var loadError: String?
        /// Wall-clock seconds of the last successful load.
        public var loadedAt: Double?
    }

    private let state: Mutex<Current>
    private let subscribers = Mutex<[Int: AsyncStream<Current>.Continuation]>([:])
    private let nextID = Atomic<Int>(0)

    public init(path: String, allowList: AllowList? = nil) {
        state = Mutex(Current(allowList: allowList, version: 0, path: path, loadError: nil, loadedAt: nil))
    }

    public var current: Current { state.withLock { $0 } }

    /// Puts a freshly parsed list in force and clears the error.
    public func apply(_ allowList: AllowList, at time: Double) {
        publish { $0.allowList = allowList; $0.loadError = nil; $0.loadedAt = time }
    }

    /// Records why the file on disk was not applied; the list in force stays.
    public func reject(_ error: String) {
        publish { $0.loadError = error }
    }

    /// The current state at once, then every change; a slow subscriber sees only the newest.
    public func changes() -> AsyncStream<Current> {
        let (stream, continuation) = AsyncStream<Current>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let id = nextID.add(1, ordering: .relaxed).newValue
        state.withLock { current in
            subscribers.withLock { $0[id] = continuation }
            continuation.yield(current)
        }
        continuation.onTermination = { [weak self] _ in self?.subscribers.withLock { _ = $0.removeValue(forKey: id) } }
        return stream
    }

    private func publish(_ change: (inout Current) -> Void) {
        state.withLock { current in
            change(&current)
            current.version += 1
            for continuation in subscribers.withLock({ Array($0.values) }) { continuation.yield(current) }
        }
    }
}
