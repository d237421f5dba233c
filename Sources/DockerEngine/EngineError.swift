/// Everything that can go wrong talking to the engine, with the engine's own message where it sent one.
public enum EngineError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `DOCKER_HOST` could not be understood.
    case invalidEndpoint(String, reason: String)
    /// A docker context that does not exist, or whose files cannot be used.
    case invalidContext(name: String, reason: String)
    /// The engine could not be reached (socket missing, connection refused, connection lost).
    case unreachable(endpoint: String, reason: String)
    /// 404: no such container (or image, or path).
    case notFound(message: String)
    /// 409: the container is in a state that forbids the operation.
    case conflict(message: String)
    /// Any other 4xx or 5xx answer.
    case http(status: Int, message: String)
    /// The answer could not be understood (bad JSON, missing fields, too large).
    case invalidResponse(String)
    /// The engine speaks an API older than the oldest this client understands.
    case unsupportedAPIVersion(String)
    /// The request did not finish in time.
    case timeout(operation: String)

    public var description: String {
        switch self {
        case .invalidEndpoint(let value, let reason): "invalid Docker engine URL '\(value)': \(reason)"
        case .invalidContext(let name, let reason): "docker context '\(name)': \(reason)"
        case .unreachable(let endpoint, let reason): "cannot connect to \(endpoint): \(reason)"
        case .notFound(let message): "not found: \(message)"
        case .conflict(let message): "conflict: \(message)"
        case .http(let status, let message): "engine answered \(status): \(message)"
        case .invalidResponse(let reason): "unexpected answer from the engine: \(reason)"
        case .unsupportedAPIVersion(let version):
            "engine API version \(version) is older than the minimum \(APIVersion.minimum)"
        case .timeout(let operation): "\(operation) timed out"
        }
    }

    /// Maps a non-2xx answer to an error, using the engine's `{"message": …}` body when present.
    static func from(status: Int, body: [UInt8]) -> EngineError {
        let message = EngineMessage.decode(body) ?? String(decoding: body.prefix(512), as: UTF8.self)
        switch status {
        case 404: return .notFound(message: message)
        case 409: return .conflict(message: message)
        default: return .http(status: status, message: message)
        }
    }
}
