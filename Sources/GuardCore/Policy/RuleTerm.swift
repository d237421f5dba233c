/// One `key=value` condition of a rule.
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

    /// The key as written in the allow-list.
    public var key: String { ruleKey.text }

    var ruleKey: RuleKey {
        switch self {
        case .name: .name
        case .image: .image
        case .imageID: .imageID
        case .id: .id
        case .label: .label
        }
    }

    /// Whether this condition holds for `subject`.
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
        }
    }
}
