/// How much of the host a container may reach, after Kubernetes Pod Security Standards: chosen by
/// the `profile:` setting (`--profile`), and per rule by `profile=NAME`.
public enum SecurityProfile: String, Sendable, Hashable, CaseIterable, Comparable {
    /// No limits on how an allowed container runs (the guard's behaviour before profiles).
    case privileged
    /// The default: no privileged mode, host namespaces, added capabilities, host devices,
    /// unconfined seccomp or AppArmor, or mounts of sensitive host paths.
    case baseline
    /// Baseline, and a non-root user, `no-new-privileges`, every capability dropped but
    /// `NET_BIND_SERVICE`, and no bind mounts but of allowed paths.
    case restricted

    public static let defaultProfile = SecurityProfile.baseline

    private var strictness: Int {
        switch self {
        case .privileged: 0
        case .baseline: 1
        case .restricted: 2
        }
    }

    public static func < (lhs: SecurityProfile, rhs: SecurityProfile) -> Bool { lhs.strictness < rhs.strictness }
}
