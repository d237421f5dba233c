import GuardCore

/// The engine link as the API reports it, beside `data` and in `/readyz`.
struct EngineBody: Encodable {
    let status: EngineStatus

    enum CodingKeys: String, CodingKey {
        case endpoint, connected, state, error, version, apiVersion = "api_version"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(status.endpoint, forKey: .endpoint)
        try container.encode(status.connection.isConnected, forKey: .connected)
        let state: String =
            switch status.connection {
            case .connecting: "connecting"
            case .connected: "connected"
            case .reconnecting: "reconnecting"
            }
        try container.encode(state, forKey: .state)
        try container.encode(status.connection.lastError, forKey: .error)
        try container.encode(status.engineVersion, forKey: .version)
        try container.encode(status.apiVersion, forKey: .apiVersion)
    }
}
