import Synchronization

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
    /// How it runs (or would run): what the security profile judges.
    public var runtime: RuntimeFacts

    public init(
        id: String, name: String, imageRef: String, imageID: String = "",
        imageAliases: [String] = [], labels: [String: String] = [:], runtime: RuntimeFacts = RuntimeFacts()
    ) {
        self.runtime = runtime
        self.id = id
        self.name = name
        self.imageRef = imageRef
        self.imageID = imageID
        self.imageAliases = imageAliases
        self.labels = labels
    }
}

/// A subject with the derived forms computed once, so that checking many rules stays cheap. The
/// image's normalised references are worked out only when a rule looks at the image.
final class PreparedSubject {
    let name: String
    private let subject: MatchSubject

    init(_ subject: MatchSubject) {
        self.subject = subject
        name = subject.name.hasPrefix("/") ? String(subject.name.dropFirst()) : subject.name
    }

    var labels: [String: String] { subject.labels }

    /// The limits each profile finds, before any rule lifts one: worked out once per profile.
    private var violationsByProfile: [SecurityProfile: [RuntimeViolation]] = [:]

    func violations(under profile: SecurityProfile) -> [RuntimeViolation] {
        // The common case, with nothing to remember: a plain container under baseline, or no limits.
        if profile == .privileged || (profile == .baseline && subject.runtime.isPlain) { return [] }
        if let known = violationsByProfile[profile] { return known }
        let found = subject.runtime.violations(under: profile)
        violationsByProfile[profile] = found
        return found
    }

    /// The container ID, lowercase.
    lazy var id: String = subject.id.lowercased()

    /// The image ID's hex digits, lowercase, without `sha256:`.
    lazy var imageIDHex: String = {
        let imageID = subject.imageID.lowercased()
        return imageID.hasPrefix("sha256:") ? String(imageID.dropFirst(7)) : imageID
    }()

    /// Every normalised reference the container's image is known by.
    lazy var imageReferences: [String] = {
        var references: [String] = []
        for written in [subject.imageRef] + subject.imageAliases where !written.isEmpty {
            for form in ImageForms.of(written) where !references.contains(form) {
                references.append(form)
            }
        }
        return references
    }()
}

/// A reference's normalised forms, remembered: a host runs many containers of few images, and
/// parsing a reference is the dearest part of judging a container.
enum ImageForms {
    private static let cache = Mutex<[String: [String]]>([:])
    private static let capacity = 4096

    /// `name:tag@digest` also counts as `name:tag` and `name@digest`. Unparsable text (an image
    /// ID, say) is kept as written so that a literal glob can still match.
    static func of(_ written: String) -> [String] {
        if let known = cache.withLock({ $0[written] }) { return known }
        let forms: [String]
        if let reference = try? ImageReference(parsing: written) {
            if let tag = reference.tag, let digest = reference.digest {
                forms = [reference.normalized, reference.name + ":" + tag, reference.name + "@" + digest]
            } else {
                forms = [reference.normalized]
            }
        } else {
            forms = [written]
        }
        cache.withLock { cache in
            if cache.count >= capacity { cache.removeAll(keepingCapacity: true) }
            cache[written] = forms
        }
        return forms
    }
}
