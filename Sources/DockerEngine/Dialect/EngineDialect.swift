import NIOHTTP1

/// Which engine serves the Docker API: Docker itself, or Podman's compatibility layer. Told apart
/// by `/_ping`, where Podman adds `Libpod-Api-Version`; what Podman reports differently is turned
/// into what the Docker engine would report, here, so the layers above see one engine.
public enum EngineDialect: Sendable, Hashable, CustomStringConvertible {
    case docker
    /// With the Libpod API version Podman announced (its own release, `4.3.1`).
    case podman(libpodVersion: String)

    /// From `/_ping`'s headers.
    init(pingHeaders headers: HTTPHeaders) {
        if let libpod = headers.first(name: "Libpod-Api-Version") {
            self = .podman(libpodVersion: libpod)
        } else {
            self = .docker
        }
    }

    public var isPodman: Bool {
        if case .podman = self { true } else { false }
    }

    /// `Docker` or `Podman`: the product, for the status bar and the logs.
    public var product: String { isPodman ? "Podman" : "Docker" }

    public var description: String {
        switch self {
        case .docker: "docker"
        case .podman(let version): "podman \(version)"
        }
    }
}
