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
        case .keepRunning:
            throw Problem(message: "'keep-running' is a flag and takes no value")
        }
    }

    /// The hex digits in lowercase, or nil unless there are 1 to 64 of them and nothing else.
    private static func lowercaseHexPrefix(_ bytes: ByteSpan) -> String? {
        guard !bytes.isEmpty, bytes.count <= 64, bytes.all(.hex) else { return nil }
        let text = bytes.string
        return bytes.all(.notUppercase) ? text : text.lowercased()
    }
}
