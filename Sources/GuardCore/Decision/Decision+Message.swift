extension Decision {
    /// The container's name without the leading `/`.
    var displayName: String {
        subject.name.hasPrefix("/") ? String(subject.name.dropFirst()) : subject.name
    }

    /// The smallest rule that would allow this container: its name, else its image.
    /// With the terms that lift the limits its configuration fails, so that it allows it at once.
    public var suggestedRule: String? {
        let who: String
        if !displayName.isEmpty {
            who = "name=\(displayName)"
        } else if !subject.imageRef.isEmpty {
            who = "image=\(subject.imageRef)"
        } else {
            return nil
        }
        return ([who] + liftingTerms.map(AllowRule.render(term:))).joined(separator: " ")
    }

    /// What the user's `docker` command prints when the plugin refuses, e.g.
    /// `dockerguard: no rule allows name=miner image=busybox:local (add 'name=miner' to /etc/dockerguard/allowlist)`.
    public var denialMessage: String {
        if case .limited = verdict { return "dockerguard: " + reason }
        var what: [String] = []
        if !displayName.isEmpty { what.append("name=\(displayName)") }
        if !subject.imageRef.isEmpty { what.append("image=\(subject.imageRef)") }
        if what.isEmpty, !subject.id.isEmpty { what.append("id=\(subject.id.prefix(12))") }
        var message = "dockerguard: no rule allows " + (what.isEmpty ? "this container" : what.joined(separator: " "))
        if let suggestedRule {
            let file = allowListPath.isEmpty ? "the allow-list" : allowListPath
            message += " (add '\(suggestedRule)' to \(file))"
        }
        return message
    }
}
