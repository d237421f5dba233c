/// The value of an `image=` term: a glob over normalised image references.
///
/// Without `*` or `?` the value is parsed as an ``ImageReference`` and compared in normalised form,
/// so `nginx` matches `docker.io/library/nginx:latest`. With wildcards the literal parts are
/// normalised the same way where that is unambiguous:
/// - a pattern starting with `*` is used as written (the star already covers any registry);
/// - otherwise a first `/`-component containing `.` or `:`, or equal to `localhost`, is the registry
///   (`index.docker.io` becomes `docker.io`); without one the registry is `docker.io`;
/// - on `docker.io`, a pattern path without `/` that does not start with `*` gets `library/`
///   (`nginx:1.*` → `docker.io/library/nginx:1.*`, `nginx*` → `docker.io/library/nginx*`);
/// - when the last path component names no tag or digest (no `:` or `@`) and the pattern does not
///   end in `*`, `:latest` is appended as Docker would (`team/app-?` → `docker.io/team/app-?:latest`).
public struct ImagePattern: Sendable, Hashable, CustomStringConvertible {
    /// The value as written in the allow-list.
    public let source: String
    /// The glob over normalised references that the value stands for.
    public let glob: Glob

    /// Parses an `image=` value.
    public init(parsing source: String) throws(ImageReferenceError) {
        var bytes = source
        let parsed = bytes.withUTF8 { buffer -> Result<String, ImageReference.Problem> in
            do throws(ImageReference.Problem) { return .success(try Self.normalizedPattern(ByteSpan(buffer))) } catch {
                return .failure(error)
            }
        }
        switch parsed {
        case .success(let pattern): self.init(source: source, glob: Glob(pattern))
        case .failure(let problem): throw ImageReferenceError(reference: source, reason: problem.reason)
        }
    }

    /// Parses the bytes of a value whose text is `source`, sparing the parser a second conversion.
    init(parsing span: ByteSpan, source: String) throws(ImageReferenceError) {
        do throws(ImageReference.Problem) {
            self.init(source: source, glob: Glob(try Self.normalizedPattern(span)))
        } catch {
            throw ImageReferenceError(reference: source, reason: error.reason)
        }
    }

    private init(source: String, glob: Glob) {
        self.source = source
        self.glob = glob
    }

    /// Whether any of the normalised references matches.
    public func matches(anyOf normalizedReferences: [String]) -> Bool {
        normalizedReferences.contains { glob.matches($0) }
    }

    public var description: String { source }

    /// Patterns are equal when they stand for the same normalised glob: `nginx` equals
    /// `docker.io/library/nginx:latest`.
    public static func == (lhs: ImagePattern, rhs: ImagePattern) -> Bool { lhs.glob == rhs.glob }
    public func hash(into hasher: inout Hasher) { hasher.combine(glob) }

    private static func normalizedPattern(_ text: ByteSpan) throws(ImageReference.Problem) -> String {
        guard text.contains(.star) || text.contains(.questionMark) else {
            return try ImageReference.parse(text).normalized
        }
        guard text.all(.patternCharacter) else {
            throw ImageReference.Problem(
                reason: "a pattern may contain only letters, digits, '_', '.', '-', '/', ':', '@', '*' and '?'")
        }
        let lastComponent = text.lastIndex(of: .slash).map(text.suffix(after:)) ?? text
        let namesTag = lastComponent.contains(.colon) || lastComponent.contains(.at) || text.last == .star
        if text.first == .star { return namesTag ? text.string : text.string + ":latest" }

        var registry: ByteSpan?
        var path = text
        if let slash = text.firstIndex(of: .slash), ImageReference.isRegistryComponent(text.prefix(upTo: slash)) {
            let host = text.prefix(upTo: slash)
            registry = host.equals("index.docker.io") || host.equals("docker.io") ? nil : host
            path = text.suffix(after: slash)
        }
        var pattern = registry?.string ?? "docker.io"
        pattern += "/"
        if registry == nil && !path.contains(.slash) && path.first != .star { pattern += "library/" }
        pattern += path.string
        if !namesTag { pattern += ":latest" }
        return pattern
    }
}
