import ArgumentParser
import DockerEngine
import GuardCore

/// `--docker-host`, shared by every command that talks to the engine.
struct EngineOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp("Docker engine endpoint, overriding DOCKER_HOST (unix:///path or tcp://host:port).", valueName: "url"))
    var dockerHost: String?

    /// The client for `--docker-host`, else the configured engine, else DOCKER_HOST, else the default socket.
    func client(settings: GuardSettings? = nil) throws -> DockerClient {
        do {
            return DockerClient(endpoint: try EngineEndpoint(dockerHost: dockerHost ?? settings?.engine ?? Environment.dockerHost))
        } catch {
            throw ValidationError(error.description)
        }
    }
}
