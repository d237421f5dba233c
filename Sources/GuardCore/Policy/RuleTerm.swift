/// One condition of a rule (`key=value`), or one limit of the security profile it lifts.
public enum RuleTerm: Sendable, Hashable {
    /// `name=GLOB`: the container name, without its leading `/`.
    case name(Glob)
    /// `image=REF` or `image=GLOB`: any normalised reference of the container's image.
    case image(ImagePattern)
    /// `image-id=HEX`: a prefix of the image ID's hex digits (lowercase, without `sha256:`).
    case imageID(String)
    /// `id=HEX`: a prefix of the container ID (lowercase hex).
    case id(String)
    /// `label=KEY` (the label exists) or `label=KEY=GLOB` (its value matches).
    case label(key: String, value: Glob?)
    // Lifting terms: they never narrow what a rule matches, they widen how its containers may run.
    /// `privileged`: `--privileged`.
    case privileged
    /// `host-network`, `host-pid`, `host-ipc`, `host-uts`.
    case hostNamespace(RuntimeViolation.HostNamespace)
    /// `cap=NAME`: a capability beyond the profile's (`ALL` for any).
    case capability(String)
    /// `device=GLOB`: host devices.
    case device(Glob)
    /// `mount=GLOB`: host paths that may be bind-mounted; a sensitive path only when written out.
    case mount(Glob)
    /// `user=root`.
    case user(String)
    /// `seccomp=unconfined`, `apparmor=unconfined`, `systempaths=unconfined` (by the option's key).
    case unconfined(String)
    /// `profile=NAME`: judge this rule's containers by that profile instead of the setting's.
    case profile(SecurityProfile)

    /// The key as written in the allow-list.
    public var key: String { ruleKey.text }

    var ruleKey: RuleKey {
        switch self {
        case .name: .name
        case .image: .image
        case .imageID: .imageID
        case .id: .id
        case .label: .label
        case .privileged: .privileged
        case .hostNamespace(.network): .hostNetwork
        case .hostNamespace(.pid): .hostPID
        case .hostNamespace(.ipc): .hostIPC
        case .hostNamespace(.uts): .hostUTS
        case .capability: .cap
        case .device: .device
        case .mount: .mount
        case .user: .user
        case .unconfined("apparmor"): .apparmor
        case .unconfined("systempaths"): .systempaths
        case .unconfined: .seccomp
        case .profile: .profile
        }
    }

    /// Whether the term says who a container is; the others lift a limit of the profile.
    public var isIdentity: Bool { ruleKey.isIdentity }

    /// Whether this condition holds for `subject` (a lifting term always holds).
    public func matches(_ subject: MatchSubject) -> Bool {
        matches(PreparedSubject(subject))
    }

    func matches(_ subject: PreparedSubject) -> Bool {
        switch self {
        case .name(let glob):
            glob.matches(subject.name)
        case .image(let pattern):
            pattern.matches(anyOf: subject.imageReferences)
        case .imageID(let prefix):
            subject.imageIDHex.hasPrefix(prefix)
        case .id(let prefix):
            subject.id.hasPrefix(prefix)
        case .label(let key, nil):
            subject.labels[key] != nil
        case .label(let key, let value?):
            subject.labels[key].map(value.matches) ?? false
        case .privileged, .hostNamespace, .capability, .device, .mount, .user, .unconfined, .profile:
            true
        }
    }
}
