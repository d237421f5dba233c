/// How the plugin answers.
public struct AuthzSettings: Sendable {
    /// What to answer when a decision cannot be made in time or from what is known.
    public enum FailurePolicy: String, Sendable, CaseIterable {
        /// Deny in enforce and confirm mode, allow in audit mode.
        case byMode = "mode"
        case allow
        case deny
    }

    /// The longest any answer may take; past it the failure policy answers.
    public var budget: Duration
    public var failurePolicy: FailurePolicy
    /// Nothing is ever refused: decisions are only recorded (the guard's read-only mode).
    public var readonly: Bool
    /// A dashboard runs alongside: in confirm mode a refused create waits there for the operator.
    public var operatorPresent: Bool

    public init(
        budget: Duration = .milliseconds(200), failurePolicy: FailurePolicy = .byMode, readonly: Bool = false,
        operatorPresent: Bool = false
    ) {
        self.operatorPresent = operatorPresent
        self.budget = budget
        self.failurePolicy = failurePolicy
        self.readonly = readonly
    }

    /// Whether the failure policy allows, under `mode`.
    func failureAllows(mode: EnforcementMode) -> Bool {
        if readonly { return true }
        switch failurePolicy {
        case .allow: return true
        case .deny: return false
        case .byMode: return mode == .audit
        }
    }
}
