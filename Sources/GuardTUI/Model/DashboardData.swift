import GuardCore

/// Everything from outside the UI that the dashboard shows: the store's snapshot, the allow-list in
/// force, the enforcer's status and the API's. The UI thread reads one of these per frame.
public struct DashboardData: Sendable {
    public var snapshot: ContainerSnapshot
    public var policy: PolicyState.Current
    public var enforcer: EnforcerStatus
    public var api: APIStatus
    /// The other names of each image, for `image=` rules (a cache shared with the enforcer).
    public var aliases: ImageAliases
    /// The configured action's stop timeout, for the stop dialog.
    public var stopTimeout: Int
    /// Wall-clock seconds, for "Up 3 minutes"; fixed in tests so screens are reproducible.
    public var now: Double
    /// Creates the authorization plugin refused in confirm mode: pending rows an operator may allow.
    public var refused: [RefusedCreate]
    /// The guard's recent decisions, newest first (the audit log's records), for `v`.
    public var timeline: [AuditRecord] = []
    /// CPU and memory of the containers on screen, by ID, while `c` shows them.
    public var resources: [String: ResourceSample] = [:]
    /// Counts changes of `resources`, so a table sorted by them is sorted again.
    public var resourcesVersion = 0

    public init(
        snapshot: ContainerSnapshot, policy: PolicyState.Current, enforcer: EnforcerStatus, api: APIStatus,
        aliases: ImageAliases = ImageAliases(), stopTimeout: Int = 10, now: Double,
        refused: [RefusedCreate] = []
    ) {
        self.refused = refused
        self.snapshot = snapshot
        self.policy = policy
        self.enforcer = enforcer
        self.api = api
        self.aliases = aliases
        self.stopTimeout = stopTimeout
        self.now = now
    }
}

/// Whether the HTTP API is serving alongside the UI.
public enum APIStatus: Sendable, Equatable {
    case starting(address: String)
    case serving(address: String)
    /// `--no-api`.
    case disabled
    /// It could not start (a busy port, say); the UI runs on.
    case failed(address: String, error: String)

    /// For the status bar: `API 127.0.0.1:8080`, `API off`, `API 127.0.0.1:8080: address already in use`.
    public var summary: String {
        switch self {
        case .starting(let address): "API \(address) (starting)"
        case .serving(let address): "API \(address)"
        case .disabled: "API off"
        case .failed(let address, let error): "API \(address): \(error)"
        }
    }

    public var isError: Bool {
        if case .failed = self { true } else { false }
    }
}
