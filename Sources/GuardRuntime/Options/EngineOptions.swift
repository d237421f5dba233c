import ArgumentParser
import DockerEngine
import GuardCore
import NIOCore
import NIOPosix

/// `--docker-host`, shared by every command that talks to the engine.
public struct EngineOptions: ParsableArguments {
    public init() {}

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Docker engine endpoint, overriding DOCKER_HOST (unix:///path or tcp://host:port).", valueName: "url"))
    public var dockerHost: String?

    /// The client for `--docker-host`, else the configured engine, else DOCKER_HOST, else the default socket.
    public func client(
        settings: GuardSettings? = nil, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        taskExecutor: (any TaskExecutor)? = nil
    ) throws -> DockerClient {
        do {
            let endpoint = try EngineEndpoint(dockerHost: dockerHost ?? settings?.engine ?? Environment.dockerHost)
            return DockerClient(endpoint: endpoint, group: group, taskExecutor: taskExecutor)
        } catch {
            throw ValidationError(error.description)
        }
    }
}
