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
    /// Actions finished since start: a follower that last saw `n` has `actions(after: n)` to show.
    public private(set) var actionsFinished = 0
    /// The latest outcomes, oldest first, at most ``recentLimit``: a follower that wakes after
    /// several finished (a switch to enforce stops them all at once) sees every one, not the last.
    public private(set) var recentActions: [ActionOutcome] = []
    public static let recentLimit = 32

    /// The most recent action's outcome.
    public var lastAction: ActionOutcome? { recentActions.last }
    /// The guard's own container, once the first sync has settled it (nil outside a container).
    public var selfID: String?

    public init(mode: EnforcementMode, action: EnforcementAction, readonly: Bool) {
        self.mode = mode
        self.action = action
        self.readonly = readonly
    }

    /// Counts a finished action and keeps its outcome among the recent ones.
    public mutating func finished(_ outcome: ActionOutcome) {
        actionsFinished += 1
        recentActions.append(outcome)
        if recentActions.count > Self.recentLimit { recentActions.removeFirst(recentActions.count - Self.recentLimit) }
    }

    /// The outcomes finished after the `count`-th (those still kept).
    public func actions(after count: Int) -> ArraySlice<ActionOutcome> {
        recentActions.suffix(min(max(actionsFinished - count, 0), recentActions.count))
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
    /// Asked for by an operator (the dashboard reports those as a batch), not the guard's own.
    public var byOperator: Bool

    public init(containerName: String, action: String, failure: String?, time: Double, byOperator: Bool = false) {
        self.containerName = containerName
        self.action = action
        self.failure = failure
        self.time = time
        self.byOperator = byOperator
    }

    /// `stop web-1: done` or `kill web-1: failed: …`.
    public var summary: String {
        "\(action) \(containerName): " + (failure.map { "failed: \($0)" } ?? "done")
    }
}
