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
        /// Changes only when a list is put in force: a rejected file leaves it, so nothing is judged
        /// again (nor audited as an allow-list reload) for a list that was never applied.
        public var listVersion: UInt64
        public var path: String
        /// The last load's error (`path:line:column: message` lines), nil when the file in force is the file on disk.
        public var loadError: String?
        /// Wall-clock seconds of the last successful load.
        public var loadedAt: Double?

        public init(
            allowList: AllowList?, version: UInt64, listVersion: UInt64? = nil, path: String, loadError: String?,
            loadedAt: Double?
        ) {
            self.allowList = allowList
            self.version = version
            self.listVersion = listVersion ?? version
            self.path = path
            self.loadError = loadError
            self.loadedAt = loadedAt
        }
    }

    private let state: Observed<Current>
    /// The security profile every list in force is judged under (the `profile:` setting).
    public let profile: SecurityProfile

    public init(path: String, allowList: AllowList? = nil, profile: SecurityProfile = .defaultProfile) {
        self.profile = profile
        state = Observed(
            Current(
                allowList: allowList?.with(profile: profile), version: 0, path: path, loadError: nil, loadedAt: nil))
    }

    public var current: Current { state.value }

    /// Puts a freshly parsed list in force and clears the error. The list already in force, read
    /// again (the watcher finding the file the dashboard just saved and applied), changes nothing:
    /// nothing is judged or audited twice for one save.
    public func apply(_ allowList: AllowList, at time: Double) {
        let list = allowList.with(profile: profile)
        let current = state.value
        if current.loadError == nil, current.allowList == list { return }
        publish {
            $0.allowList = list
            $0.loadError = nil
            $0.loadedAt = time
            $0.listVersion += 1
        }
    }

    /// Records why the file on disk was not applied; the list in force stays.
    public func reject(_ error: String) {
        publish { $0.loadError = error }
    }

    /// The current state at once, then every change; a slow subscriber sees only the newest.
    public func changes() -> AsyncStream<Current> { state.changes() }

    private func publish(_ change: (inout Current) -> Void) {
        state.update { current in
            change(&current)
            current.version += 1
        }
    }
}
