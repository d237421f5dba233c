/// An Engine API version such as `1.41`, ordered numerically (1.9 < 1.10).
public struct APIVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let major: Int
    public let minor: Int

    /// The oldest API with everything this client uses (`/events` filters, `Health`, `since` in ns).
    public static let minimum = APIVersion(major: 1, minor: 24)
    /// The newest API this client asks for; newer engines accept older versions.
    public static let maximum = APIVersion(major: 1, minor: 45)

    public init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    public init?(_ text: String) {
        let parts = text.split(separator: ".")
        guard parts.count == 2, let major = Int(parts[0]), let minor = Int(parts[1]) else { return nil }
        self.init(major: major, minor: minor)
    }

    public static func < (lhs: APIVersion, rhs: APIVersion) -> Bool {
        (lhs.major, lhs.minor) < (rhs.major, rhs.minor)
    }

    public var description: String { "\(major).\(minor)" }

    /// The version to speak with an engine that announced `server`: never newer than it, never
    /// newer than this client knows.
    static func negotiated(server: APIVersion) throws(EngineError) -> APIVersion {
        guard server >= minimum else { throw .unsupportedAPIVersion(server.description) }
        return min(server, maximum)
    }
}
