/// `GET /version`: what the engine says it is.
public struct EngineVersion: Sendable, Hashable, Decodable {
    public var version: String
    public var apiVersion: String
    public var minAPIVersion: String?
    public var os: String?
    public var arch: String?
    /// Docker or Podman (from `/_ping`, set by `DockerClient.negotiate()`).
    public var dialect: EngineDialect = .docker

    /// `27.5.1` for Docker, `Podman 4.3.1` for Podman: what the status bar and the logs show.
    public var displayVersion: String { dialect.isPodman ? "Podman \(version)" : version }

    enum CodingKeys: String, CodingKey {
        case version = "Version", apiVersion = "ApiVersion", minAPIVersion = "MinAPIVersion", os = "Os", arch = "Arch"
    }
}
