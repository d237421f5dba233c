/// How far the guard goes when it finds a container that the allow-list does not allow.
public enum EnforcementMode: String, Sendable, CaseIterable {
    /// Only report: log and audit the violation, touch nothing.
    case audit
    /// Ask first: queue the action until a person confirms it.
    case confirm
    /// Act at once with the configured ``EnforcementAction``.
    case enforce
}
