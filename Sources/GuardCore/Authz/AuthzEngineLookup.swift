import DockerEngine

/// What the plugin may ask the engine, always under a deadline: the engine allows reads through
/// the plugin at once, so these calls cannot deadlock with the call being judged.
public protocol AuthzEngineLookup: Sendable {
    /// The container by ID, ID prefix or name; `.notFound` when the engine has none.
    func container(_ reference: String) async -> AuthzLookupResult<ContainerRecord>
    /// The image's ID and its other names (repo tags and digests), by reference or ID.
    func image(_ reference: String) async -> AuthzLookupResult<ImageDetails>
}

public enum AuthzLookupResult<Value: Sendable>: Sendable {
    case found(Value)
    case notFound
    case failed(String)
}

/// The lookups over the guard's engine client.
public struct EngineAuthzLookup: AuthzEngineLookup {
    let client: DockerClient

    public init(client: DockerClient) {
        self.client = client
    }

    public func container(_ reference: String) async -> AuthzLookupResult<ContainerRecord> {
        do {
            return .found(ContainerRecord(try await client.inspectContainer(reference)))
        } catch .notFound {
            return .notFound
        } catch {
            return .failed("\(error)")
        }
    }

    public func image(_ reference: String) async -> AuthzLookupResult<ImageDetails> {
        do {
            return .found(try await client.inspectImage(reference))
        } catch .notFound {
            return .notFound
        } catch {
            return .failed("\(error)")
        }
    }
}
