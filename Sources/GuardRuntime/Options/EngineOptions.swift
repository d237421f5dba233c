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
        let chosen = engineURL(settings: settings)
        do {
            let endpoint = try EngineEndpoint(dockerHost: chosen.url)
            return DockerClient(endpoint: endpoint, group: group, taskExecutor: taskExecutor)
        } catch {
            throw ValidationError("\(chosen.source): \(error.description)")
        }
    }

    /// The engine URL in force and where it came from, for a message that names it.
    func engineURL(settings: GuardSettings?) -> (url: String?, source: String) {
        if let dockerHost { return (dockerHost, "--docker-host") }
        if let engine = settings?.engine { return (engine, "the engine setting") }
        return (Environment.dockerHost, "DOCKER_HOST")
    }
}
