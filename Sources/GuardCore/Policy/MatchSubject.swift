/// What the allow-list looks at in a container.
public struct MatchSubject: Sendable, Hashable {
    /// The container ID (full or short hex).
    public var id: String
    /// The container name; a leading `/`, as inspect reports it, is ignored.
    public var name: String
    /// The image reference the container was created from (`Config.Image`), as written.
    public var imageRef: String
    /// The image ID, `sha256:…`.
    public var imageID: String
    /// The other references of the container's image: its repo tags and repo digests.
    public var imageAliases: [String]
    public var labels: [String: String]

    public init(
        id: String, name: String, imageRef: String, imageID: String = "",
        imageAliases: [String] = [], labels: [String: String] = [:]
    ) {
        self.id = id
        self.name = name
        self.imageRef = imageRef
        self.imageID = imageID
        self.imageAliases = imageAliases
        self.labels = labels
    }
}

/// A subject with the derived forms computed once, so that checking many rules stays cheap.
struct PreparedSubject {
    let id: String
    let name: String
    /// The image ID's hex digits, lowercase, without `sha256:`.
    let imageIDHex: String
    /// Every normalised reference the container's image is known by.
    let imageReferences: [String]
    let labels: [String: String]

    init(_ subject: MatchSubject) {
        id = subject.id.lowercased()
        name = subject.name.hasPrefix("/") ? String(subject.name.dropFirst()) : subject.name
        let imageID = subject.imageID.lowercased()
        imageIDHex = imageID.hasPrefix("sha256:") ? String(imageID.dropFirst(7)) : imageID
        var references: [String] = []
        for written in [subject.imageRef] + subject.imageAliases where !written.isEmpty {
            for form in Self.forms(of: written) where !references.contains(form) {
                references.append(form)
            }
        }
        imageReferences = references
        labels = subject.labels
    }

    /// A reference's normalised form; `name:tag@digest` also counts as `name:tag` and `name@digest`.
    /// Unparsable text (an image ID, say) is kept as written so that a literal glob can still match.
    private static func forms(of written: String) -> [String] {
        guard let reference = try? ImageReference(parsing: written) else { return [written] }
        guard let tag = reference.tag, let digest = reference.digest else { return [reference.normalized] }
        return [reference.normalized, reference.name + ":" + tag, reference.name + "@" + digest]
    }
}
