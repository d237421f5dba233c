/// Turns one `key=value` word into a term, or says what was expected.
enum TermParser {
    /// What is wrong with a value; reported at the value's column.
    struct Problem: Error {
        let message: String
    }

    /// Builds the term for `key=value`.
    static func term(_ key: RuleKey, _ value: ByteSpan) throws(Problem) -> RuleTerm {
        guard !value.isEmpty else { throw Problem(message: "empty value for '\(key.text)'") }
        switch key {
        case .name:
            // Inspect reports names as `/web`; accept that spelling too.
            let pattern = value.first == .slash ? value.dropFirst() : value
            if pattern.isEmpty { throw Problem(message: "empty value for 'name'") }
            return .name(Glob(pattern.string))
        case .image:
            do {
                return .image(try ImagePattern(parsing: value, source: value.string))
            } catch {
                throw Problem(message: error.description)
            }
        case .imageID:
            let hex = value.hasPrefix("sha256:") || value.hasPrefix("SHA256:") ? value.dropFirst(7) : value
            guard let prefix = lowercaseHexPrefix(hex) else {
                throw Problem(
                    message: "image-id must be 1–64 hex digits, optionally after 'sha256:', "
                        + "not \(quotedForMessage(value.string))")
            }
            return .imageID(prefix)
        case .id:
            guard let prefix = lowercaseHexPrefix(value) else {
                throw Problem(
                    message: "id must be 1–64 hex digits of a container ID, not \(quotedForMessage(value.string))")
            }
            return .id(prefix)
        case .label:
            guard let equals = value.firstIndex(of: .equals) else { return .label(key: value.string, value: nil) }
            let labelKey = value.prefix(upTo: equals)
            if labelKey.isEmpty {
                throw Problem(message: "empty label key (expected label=KEY or label=KEY=VALUE)")
            }
            return .label(key: labelKey.string, value: Glob(value.suffix(after: equals).string))
        case .keepRunning, .privileged, .hostNetwork, .hostPID, .hostIPC, .hostUTS:
            throw Problem(message: "'\(key.text)' is a flag and takes no value")
        case .mount, .cap, .device, .user, .seccomp, .apparmor, .systempaths, .profile:
            return try liftingTerm(key, value.string)
        }
    }

    /// A term that lifts one limit of the security profile.
    private static func liftingTerm(_ key: RuleKey, _ value: String) throws(Problem) -> RuleTerm {
        switch key {
        case .mount, .device:
            guard value.hasPrefix("/") else {
                throw Problem(message: "\(key.text) must be an absolute host path, not \(quotedForMessage(value))")
            }
            let glob = Glob(Glob.containsWildcards(value) ? value : HostPaths.normalized(value))
            return key == .mount ? .mount(glob) : .device(glob)
        case .cap:
            let name = Capabilities.normalized(value)
            guard Capabilities.isKnown(name) else {
                let hint = Capabilities.nearest(to: name).map { "did you mean '\($0)'? " } ?? ""
                throw Problem(
                    message: "unknown capability \(quotedForMessage(value)) (\(hint)expected a Linux capability such "
                        + "as NET_ADMIN or SYS_PTRACE, or ALL)")
            }
            return .capability(name)
        case .user:
            guard value == "root" else {
                throw Problem(
                    message:
                        "user takes 'root' (it lets the rule's containers run as root), not \(quotedForMessage(value))")
            }
            return .user(value)
        case .seccomp, .apparmor, .systempaths:
            guard value == "unconfined" else {
                throw Problem(
                    message: "\(key.text) takes 'unconfined' (it allows --security-opt \(key.text)=unconfined), "
                        + "not \(quotedForMessage(value))")
            }
            return .unconfined(key.text)
        case .profile:
            guard let profile = SecurityProfile(rawValue: value) else {
                let names = SecurityProfile.allCases.map(\.rawValue)
                let near = names.min { EditDistance.between(value, $0) < EditDistance.between(value, $1) }
                let close = near.flatMap { EditDistance.between(value, $0) <= 3 ? $0 : nil }
                let hint = close.map { "did you mean '\($0)'? " } ?? ""
                let expected = "expected privileged, baseline or restricted"
                throw Problem(message: "unknown profile \(quotedForMessage(value)) (\(hint)\(expected))")
            }
            return .profile(profile)
        default:
            throw Problem(message: "'\(key.text)' is not a lifting term")
        }
    }

    /// The hex digits in lowercase, or nil unless there are 1 to 64 of them and nothing else.
    private static func lowercaseHexPrefix(_ bytes: ByteSpan) -> String? {
        guard !bytes.isEmpty, bytes.count <= 64, bytes.all(.hex) else { return nil }
        let text = bytes.string
        return bytes.all(.notUppercase) ? text : text.lowercased()
    }
}
