extension AllowRule {
    /// The rule as an allow-list line: `name=web-* image=nginx:1.27 keep-running`.
    /// Parsing the line gives back the same terms, provided no value holds a control character or
    /// line break and no label key holds `=` (the parser never produces such terms).
    public static func render(terms: [RuleTerm], keepRunning: Bool) -> String {
        var words = terms.map(render(term:))
        if keepRunning { words.append(RuleKey.keepRunning.text) }
        return words.joined(separator: " ")
    }

    /// One term as `key=value`, quoting the value when it needs it.
    public static func render(term: RuleTerm) -> String {
        let value: String
        switch term {
        case .name(let glob): value = glob.pattern
        case .image(let pattern): value = pattern.source
        case .imageID(let hex): value = hex
        case .id(let hex): value = hex
        case .label(let key, nil): value = key
        case .label(let key, let glob?): value = key + "=" + glob.pattern
        case .privileged, .hostNamespace: return term.key
        case .capability(let name): value = name
        case .device(let glob), .mount(let glob): value = glob.pattern
        case .user(let user): value = user
        case .unconfined: value = "unconfined"
        case .profile(let profile): value = profile.rawValue
        }
        return term.key + "=" + quotedIfNeeded(value)
    }

    /// Quotes `value` when it is empty or holds a separator, a quote, a backslash or `#`.
    static func quotedIfNeeded(_ value: String) -> String {
        let special: Set<Unicode.Scalar> = [" ", "\t", "\"", "\\", "#"]
        guard value.isEmpty || value.unicodeScalars.contains(where: special.contains) else { return value }
        var quoted = "\""
        for scalar in value.unicodeScalars {
            if scalar == "\"" || scalar == "\\" { quoted.unicodeScalars.append("\\") }
            quoted.unicodeScalars.append(scalar)
        }
        return quoted + "\""
    }
}
