/// The words a rule line may use before `=` (terms) or alone (flags).
enum RuleKey: CaseIterable {
    case name, image, imageID, id, label, keepRunning
    // Terms that lift one limit of the security profile for the containers the rule matches.
    case privileged, hostNetwork, hostPID, hostIPC, hostUTS, mount, cap, device, user, seccomp, apparmor
    case systempaths, profile

    /// As written in the file.
    var text: String {
        switch self {
        case .name: "name"
        case .image: "image"
        case .imageID: "image-id"
        case .id: "id"
        case .label: "label"
        case .keepRunning: "keep-running"
        case .privileged: "privileged"
        case .hostNetwork: "host-network"
        case .hostPID: "host-pid"
        case .hostIPC: "host-ipc"
        case .hostUTS: "host-uts"
        case .mount: "mount"
        case .cap: "cap"
        case .device: "device"
        case .user: "user"
        case .seccomp: "seccomp"
        case .apparmor: "apparmor"
        case .systempaths: "systempaths"
        case .profile: "profile"
        }
    }

    /// A bare word without `=VALUE`.
    var isFlag: Bool {
        switch self {
        case .keepRunning, .privileged, .hostNetwork, .hostPID, .hostIPC, .hostUTS: true
        default: false
        }
    }

    /// Whether the key says who a container is (rather than lifting a limit or asking to keep it running).
    var isIdentity: Bool {
        switch self {
        case .name, .image, .imageID, .id, .label: true
        default: false
        }
    }

    /// For messages about unknown keys.
    static let expected =
        "expected name, image, image-id, id, label or keep-running, or a term that lifts a profile limit: "
        + "privileged, host-network, host-pid, host-ipc, host-uts, mount, cap, device, user, seccomp, apparmor, "
        + "systempaths or profile"

    /// The key a misspelt one most likely meant (`nmae` → `name`): a couple of edits at most.
    static func nearest(to word: String) -> RuleKey? {
        let scored = allCases.map { (key: $0, distance: EditDistance.between(word, $0.text)) }
        guard let best = scored.min(by: { $0.distance < $1.distance }) else { return nil }
        return best.distance <= min(2, max(1, best.key.text.count / 3)) ? best.key : nil
    }

    /// The key spelled by `bytes`, compared byte by byte (cheap in debug builds, unlike `String`).
    init?(_ bytes: ByteSpan) {
        switch bytes.end - bytes.start {
        case 2 where bytes.equals("id"): self = .id
        case 3 where bytes.equals("cap"): self = .cap
        case 4 where bytes.equals("name"): self = .name
        case 4 where bytes.equals("user"): self = .user
        case 5 where bytes.equals("image"): self = .image
        case 5 where bytes.equals("label"): self = .label
        case 5 where bytes.equals("mount"): self = .mount
        case 6 where bytes.equals("device"): self = .device
        case 7 where bytes.equals("seccomp"): self = .seccomp
        case 7 where bytes.equals("profile"): self = .profile
        case 8 where bytes.equals("image-id"): self = .imageID
        case 8 where bytes.equals("host-pid"): self = .hostPID
        case 8 where bytes.equals("host-ipc"): self = .hostIPC
        case 8 where bytes.equals("host-uts"): self = .hostUTS
        case 8 where bytes.equals("apparmor"): self = .apparmor
        case 10 where bytes.equals("privileged"): self = .privileged
        case 11 where bytes.equals("systempaths"): self = .systempaths
        case 12 where bytes.equals("keep-running"): self = .keepRunning
        case 12 where bytes.equals("host-network"): self = .hostNetwork
        default: return nil
        }
    }

    /// The flag's term (for flags other than keep-running).
    var flagTerm: RuleTerm? {
        switch self {
        case .privileged: .privileged
        case .hostNetwork: .hostNamespace(.network)
        case .hostPID: .hostNamespace(.pid)
        case .hostIPC: .hostNamespace(.ipc)
        case .hostUTS: .hostNamespace(.uts)
        default: nil
        }
    }
}
