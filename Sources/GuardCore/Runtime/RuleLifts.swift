/// What one rule's lifting terms (`privileged`, `mount=…`, `cap=…`, …) allow beyond the profile,
/// gathered once when the rule is built.
public struct RuleLifts: Sendable, Hashable {
    public var privileged = false
    public var hostNamespaces: Set<RuntimeViolation.HostNamespace> = []
    public var capabilities: Set<String> = []
    public var devices: [Glob] = []
    public var mounts: [Glob] = []
    public var unconfined: Set<String> = []
    public var rootUser = false
    /// `profile=NAME`: the profile this rule's containers are judged by instead of the setting.
    public var profile: SecurityProfile?

    public init() {}

    init(_ terms: [RuleTerm]) {
        for term in terms {
            switch term {
            case .privileged: privileged = true
            case .hostNamespace(let namespace): hostNamespaces.insert(namespace)
            case .capability(let name): capabilities.insert(name)
            case .device(let glob): devices.append(glob)
            case .mount(let glob): mounts.append(glob)
            case .unconfined(let key): unconfined.insert(key)
            case .user: rootUser = true
            case .profile(let chosen): profile = chosen
            case .name, .image, .imageID, .id, .label: break
            }
        }
    }

    /// Whether nothing is lifted (most rules).
    var isEmpty: Bool { self == RuleLifts() }

    /// Whether these terms lift `violation`.
    func lifts(_ violation: RuntimeViolation) -> Bool {
        switch violation {
        case .privileged: privileged
        case .hostNamespace(let namespace): hostNamespaces.contains(namespace)
        case .capability(let name, _): capabilities.contains(name) || capabilities.contains("ALL")
        case .device(let path): devices.contains { $0.matches(path) }
        case .deviceCgroupRule: false
        case .unconfined(let key): unconfined.contains(key)
        // A sensitive path must be written out: a glob that happens to match it does not count.
        case .sensitiveMount(let source, _): mounts.contains { !$0.hasWildcards && $0.pattern == source }
        case .hostMount(let source): mounts.contains { $0.matches(source) }
        case .rootUser: rootUser
        case .newPrivileges: false
        case .unknownConfiguration: false
        }
    }
}
