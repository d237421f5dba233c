import DockerEngine
import Synchronization

/// The other names of each image (its repo tags and digests), fetched once per image ID: an
/// `image=` rule matches any of them, not only the reference a container was created from.
public final class ImageAliases: Sendable {
    private let byImageID = Mutex<[String: [String]]>([:])

    public init() {}

    /// Cached names, or nil when the image has not been looked up.
    public func cached(_ imageID: String) -> [String]? {
        byImageID.withLock { $0[imageID] }
    }

    /// The image's names, asking the engine on the first call for an image ID. An image the
    /// engine no longer has simply has no other names.
    public func lookup(_ imageID: String, client: some ImageInspecting) async -> [String] {
        if let names = cached(imageID) { return names }
        let names: [String]
        do {
            let image = try await client.inspectImage(imageID)
            names = image.repoTags + image.repoDigests
        } catch {
            return []  // not cached: a transient failure is retried next time
        }
        byImageID.withLock { $0[imageID] = names }
        return names
    }
}

extension MatchSubject {
    /// What the allow-list sees of a container.
    public init(_ record: ContainerRecord, aliases: [String]) {
        self.init(
            id: record.id, name: record.displayName, imageRef: record.imageRef, imageID: record.imageID,
            imageAliases: aliases, labels: record.labels, runtime: record.runtime)
    }
}

extension AllowList {
    /// Judges a container with the names of its image that are known now.
    public func verdict(for record: ContainerRecord, aliases: ImageAliases) -> Verdict {
        verdict(for: MatchSubject(record, aliases: aliases.cached(record.imageID) ?? []))
    }
}

extension AllowList {
    /// Whether any rule looks at the image reference (so other names of an image matter).
    var hasImageRules: Bool {
        rules.contains { rule in rule.terms.contains { if case .image = $0 { true } else { false } } }
    }
}
