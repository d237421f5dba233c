import DockerEngine

/// The engine calls the post-start enforcer makes: its actions, the restart that keep-running asks
/// for, and the image lookup that `image=` rules need. Behind a protocol so the enforcer's
/// judgements and actions are unit-tested without an engine; ``DockerClient`` is the real one.
public protocol EnforcerEngine: ImageInspecting {
    func stopContainer(_ id: String, timeout: Int?) async throws(EngineError)
    func killContainer(_ id: String, signal: String?) async throws(EngineError)
    func removeContainer(_ id: String, force: Bool, removeVolumes: Bool) async throws(EngineError)
    func startContainer(_ id: String) async throws(EngineError)
}

/// The one engine call ``ImageAliases`` makes.
public protocol ImageInspecting: Sendable {
    func inspectImage(_ id: String) async throws(EngineError) -> ImageDetails
}

extension DockerClient: EnforcerEngine {}
