/// What the guard does to a container that is not allowed, when the mode lets it act.
public enum EnforcementAction: String, Sendable, CaseIterable {
    /// `docker stop`: SIGTERM, then SIGKILL after the stop timeout.
    case stop
    /// `docker kill`: SIGKILL at once.
    case kill
    /// Stop, then remove the container.
    case remove
}
