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

    /// A bad `--docker-host` is a usage error of the command it was given to, found before it runs.
    public func validate() throws {
        guard let dockerHost else { return }
        do {
            _ = try EngineEndpoint(dockerHost: dockerHost)
        } catch {
            throw ValidationError("--docker-host: \(error.description)")
        }
    }

    /// The client for `--docker-host`, else the configured engine, else DOCKER_HOST, else the default socket.
    public func client(
        settings: GuardSettings? = nil, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        taskExecutor: (any TaskExecutor)? = nil
    ) throws -> DockerClient {
        let (value, source): (String?, String) =
            if let dockerHost { (dockerHost, "--docker-host") } else if let engine = settings?.engine {
                (engine, "the engine setting")
            } else { (Environment.dockerHost, "DOCKER_HOST") }
        do {
            let endpoint = try EngineEndpoint(dockerHost: value)
            return DockerClient(endpoint: endpoint, group: group, taskExecutor: taskExecutor)
        } catch {
            // Name where the value came from: a flag, the settings, or the environment.
            throw ValidationError("\(source): \(error.description)")
        }
    }
}
