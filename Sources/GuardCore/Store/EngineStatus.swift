/// How the guard's link to the engine stands.
public enum EngineConnection: Sendable, Hashable {
    /// Before the first successful connection.
    case connecting
    case connected
    /// Lost (or never made); retrying with backoff. `error` says why the last attempt failed.
    case reconnecting(error: String)

    public var isConnected: Bool { self == .connected }

    public var lastError: String? {
        if case .reconnecting(let error) = self { return error }
        return nil
    }
}

/// What the guard knows about the engine it watches.
public struct EngineStatus: Sendable, Hashable {
    /// `unix:///var/run/docker.sock` or `tcp://host:port`.
    public var endpoint: String
    public var connection: EngineConnection
    /// The engine's version (`28.2.2`) and the API version spoken, once connected.
    public var engineVersion: String?
    public var apiVersion: String?

    public init(
        endpoint: String, connection: EngineConnection = .connecting, engineVersion: String? = nil,
        apiVersion: String? = nil
    ) {
        self.endpoint = endpoint
        self.connection = connection
        self.engineVersion = engineVersion
        self.apiVersion = apiVersion
    }
}
