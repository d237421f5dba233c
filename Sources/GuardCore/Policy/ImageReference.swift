/// A Docker image reference, parsed and normalised the way the engine does it
/// (`nginx` is `docker.io/library/nginx:latest`).
///
/// Grammar (after `distribution/reference`): `[registry/]path[:tag][@digest]`. The first
/// `/`-component is a registry when it contains `.` or `:` or is `localhost`; otherwise the image
/// lives on Docker Hub, where a one-component path gets `library/` in front. `index.docker.io`
/// is spelled `docker.io`. Without a tag or digest the tag is `latest`; with a digest no tag is
/// invented, and `name:tag@digest` keeps both. Path components are lowercase.
public struct ImageReference: Sendable, Hashable, CustomStringConvertible {
    /// The registry host, with its port if any: `docker.io`, `localhost:5000`.
    public let registry: String
    /// The path inside the registry: `library/nginx`, `team/app`.
    public let repository: String
    /// The tag: the written one, or `latest` when neither tag nor digest was written.
    public let tag: String?
    /// The digest, `sha256:<64 hex>`, if written.
    public let digest: String?

    /// Parses and normalises `text`.
    public init(parsing text: String) throws(ImageReferenceError) {
        var bytes = text
        let parsed = bytes.withUTF8 { buffer -> Result<ImageReference, Problem> in
            do throws(Problem) { return .success(try Self.parse(ByteSpan(buffer))) } catch { return .failure(error) }
        }
        switch parsed {
        case .success(let reference): self = reference
        case .failure(let problem): throw ImageReferenceError(reference: text, reason: problem.reason)
        }
    }

    private init(registry: String, repository: String, tag: String?, digest: String?) {
        self.registry = registry
        self.repository = repository
        self.tag = tag ?? (digest == nil ? "latest" : nil)
        self.digest = digest
    }

    /// `registry/repository`, without tag or digest.
    public var name: String { registry + "/" + repository }

    /// The full normalised form: `docker.io/library/nginx:latest`, `ghcr.io/a/b@sha256:…`.
    public var normalized: String {
        var text = ""
        text.reserveCapacity(
            registry.utf8.count + repository.utf8.count + (tag?.utf8.count ?? 0) + (digest?.utf8.count ?? 0) + 3)
        text += registry
        text += "/"
        text += repository
        if let tag {
            text += ":"
            text += tag
        }
        if let digest {
            text += "@"
            text += digest
        }
        return text
    }

    public var description: String { normalized }

    /// Why some bytes are not a reference; the caller adds the reference text.
    struct Problem: Error {
        let reason: String
    }

    static func parse(_ text: ByteSpan) throws(Problem) -> ImageReference {
        guard !text.isEmpty else { throw Problem(reason: "it is empty") }

        var nameEnd = text.end
        var digest: String?
        if let at = text.firstIndex(of: .at) {
            let written = text.suffix(after: at)
            guard ImageGrammar.isDigest(written) else {
                throw Problem(reason: "digest must be sha256: followed by 64 lowercase hex digits")
            }
            digest = written.string
            nameEnd = at
        }

        var tag: String?
        let beforeDigest = text.prefix(upTo: nameEnd)
        if let colon = beforeDigest.lastIndex(of: .colon), !beforeDigest.suffix(after: colon).contains(.slash) {
            let written = beforeDigest.suffix(after: colon)
            guard ImageGrammar.isTag(written) else {
                throw Problem(
                    reason: "tag must be 1–128 letters, digits, '_', '.' or '-', not starting with '.' or '-'")
            }
            tag = written.string
            nameEnd = colon
        }

        let name = text.prefix(upTo: nameEnd)
        guard !name.isEmpty else { throw Problem(reason: "the repository name is missing") }
        var registry = "docker.io"
        var path = name
        if let slash = name.firstIndex(of: .slash), isRegistryComponent(name.prefix(upTo: slash)) {
            let host = name.prefix(upTo: slash)
            guard ImageGrammar.isRegistry(host) else {
                throw Problem(reason: "registry '\(host.string)' is not a host[:port]")
            }
            registry = host.equals("index.docker.io") ? "docker.io" : host.string
            path = name.suffix(after: slash)
        }

        let onHubTopLevel = registry == "docker.io" && !path.contains(.slash)
        if onHubTopLevel && ImageGrammar.isFullHexID(path) {
            throw Problem(reason: "a 64-digit hex string is an image ID, not a repository name")
        }
        if let problem = ImageGrammar.repositoryProblem(path) { throw Problem(reason: problem) }
        let repository = onHubTopLevel ? "library/" + path.string : path.string
        guard registry.utf8.count + 1 + repository.utf8.count <= 255 else {
            throw Problem(reason: "repository name is longer than 255 characters")
        }
        return ImageReference(registry: registry, repository: repository, tag: tag, digest: digest)
    }

    /// Whether the first `/`-component of a reference names a registry rather than a Hub user.
    static func isRegistryComponent(_ component: ByteSpan) -> Bool {
        component.contains(.dot) || component.contains(.colon) || component.equals("localhost")
    }
}

/// Why a string is not a valid image reference.
public struct ImageReferenceError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The reference as written.
    public let reference: String
    /// What is wrong with it.
    public let reason: String

    public init(reference: String, reason: String) {
        self.reference = reference
        self.reason = reason
    }

    public var description: String { "invalid image reference '\(reference)': \(reason)" }
}
