/// What the enforcer is doing, as the dashboard shows it: followed through ``Enforcer/status``.
public struct EnforcerStatus: Sendable, Equatable {
    public var mode: EnforcementMode
    public var action: EnforcementAction
    /// Nothing is changed on the engine: violations are only recorded.
    public var readonly: Bool
    /// IDs of the violations waiting for an operator (confirm mode with an operator present).
    public var pending: Set<String> = []
    /// IDs of the containers with an action under way.
    public var acting: Set<String> = []
    /// The most recent action's outcome.
    public var lastAction: ActionOutcome?
    /// The guard's own container, once the first sync has settled it (nil outside a container).
    public var selfID: String?

    public init(mode: EnforcementMode, action: EnforcementAction, readonly: Bool) {
        self.mode = mode
        self.action = action
        self.readonly = readonly
    }
}

/// How one action on one container ended.
public struct ActionOutcome: Sendable, Equatable {
    public var containerName: String
    public var action: String
    /// Nil when it succeeded.
    public var failure: String?
    /// Wall-clock seconds.
    public var time: Double

    public init(containerName: String, action: String, failure: String?, time: Double) {
        self.containerName = containerName
        self.action = action
        self.failure = failure
        self.time = time
    }

    /// `stop web-1: done` or `kill web-1: failed: …`.
    public var summary: String {
        "\(action) \(containerName): " + (failure.map { "failed: \($0)" } ?? "done")
    }
}
