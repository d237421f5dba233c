/// What prompted a decision: the post-start enforcer's events and resyncs, and the API calls the
/// engine asks the authorization plugin about.
public enum DecisionCause: String, Sendable, Hashable, CaseIterable {
    /// Seen running after its `start` event.
    case start
    /// Found running by a full list.
    case resync
    case rename
    case unpause
    /// The allow-list changed under a running container.
    case allowListReload = "allow-list reload"
    /// The mode changed: everything running is judged again under it.
    case modeChange = "mode change"
    /// The plugin was asked about `POST /containers/create`.
    case authzCreate = "authz-create"
    case authzStart = "authz-start"
    case authzRestart = "authz-restart"
    case authzUnpause = "authz-unpause"
    case authzRename = "authz-rename"
}
