/// One limit of a profile that a container's runtime configuration fails, as a value: the
/// decision carries these, and every message names them.
public enum RuntimeViolation: Sendable, Hashable, CustomStringConvertible {
    case privileged
    case hostNamespace(HostNamespace)
    /// A capability beyond Docker's default set (baseline), or not dropped (restricted).
    case capability(String, restricted: Bool)
    /// A host device, or a device cgroup rule (`c *:* rwm`).
    case device(String)
    case deviceCgroupRule(String)
    /// `seccomp=unconfined`, `apparmor=unconfined`, `systempaths=unconfined`, by the option's key.
    case unconfined(String)
    /// A bind mount that exposes a sensitive host path (`source` as mounted, `path` the sensitive one).
    case sensitiveMount(source: String, path: String)
    /// Restricted: a bind mount of a path no `mount=` term allows.
    case hostMount(String)
    /// Restricted: the container runs as root, or as a user that cannot be told apart from root.
    case rootUser(String)
    /// Restricted: `no-new-privileges` is not set.
    case newPrivileges
    /// How it runs is not known (a create whose body was not forwarded): baseline and restricted
    /// fail closed.
    case unknownConfiguration

    public enum HostNamespace: String, Sendable, Hashable, CaseIterable {
        case network, pid, ipc, uts
    }

    /// What failed, in words: `privileged`, `host network`, `capability SYS_ADMIN`, …
    public var description: String {
        switch self {
        case .privileged: "privileged"
        case .hostNamespace(let namespace):
            "host \(namespace == .network ? "network" : namespace.rawValue.uppercased())"
        case .capability(let name, false): "capability \(name)"
        case .capability(let name, true): "capability \(name) (not dropped)"
        case .device(let path): "device \(path)"
        case .deviceCgroupRule(let rule): "device cgroup rule '\(rule)'"
        case .unconfined(let key): key + "=unconfined"
        case .sensitiveMount(let source, let path) where source == path: "mount of \(source)"
        case .sensitiveMount(let source, let path): "mount of \(source) (exposes \(path))"
        case .hostMount(let source): "mount of \(source)"
        case .rootUser(let user): user.isEmpty ? "user root (the image's default)" : "user \(user)"
        case .newPrivileges: "no no-new-privileges"
        case .unknownConfiguration: "an unknown runtime configuration"
        }
    }

    /// The CIS Docker Benchmark (v1.6) item the limit stands for.
    public var cisItem: String {
        switch self {
        case .privileged: "5.4"
        case .hostNamespace(.network): "5.9"
        case .hostNamespace(.pid): "5.15"
        case .hostNamespace(.ipc): "5.16"
        case .hostNamespace(.uts): "5.20"
        case .capability: "5.3"
        case .device, .deviceCgroupRule: "5.17"
        case .unconfined(let key): key == "apparmor" ? "5.1" : "5.21"
        case .sensitiveMount(let source, let path):
            HostPaths.isDockerSocket(path) || HostPaths.isDockerSocket(source) ? "5.31" : "5.5"
        case .hostMount: "5.5"
        case .rootUser: "4.1"
        case .newPrivileges: "5.25"
        case .unknownConfiguration: "-"
        }
    }

    /// The rule term that lifts this limit, as written in the allow-list; nil when no term
    /// can (only a rule's `profile=` can).
    public var liftingTerm: RuleTerm? {
        switch self {
        case .privileged: .privileged
        case .hostNamespace(let namespace): .hostNamespace(namespace)
        case .capability(let name, _): .capability(name)
        case .device(let path): .device(Glob(path))
        case .deviceCgroupRule: .profile(.privileged)
        case .unconfined(let key): .unconfined(key)
        case .sensitiveMount(let source, _), .hostMount(let source): .mount(Glob(source))
        case .rootUser: .user("root")
        case .newPrivileges: .profile(.baseline)
        case .unknownConfiguration: nil
        }
    }
}
