import ArgumentParser
import DockerEngine
import GuardCore
import NIOCore
import NIOPosix

/// The docker CLI's endpoint flags (`--context`, `--docker-host`/`-H`, `--tls*`), shared by every
/// command that talks to the engine. Resolution is DockerEngine's ``EndpointResolver``.
public struct EngineOptions: ParsableArguments {
    public init() {}

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Docker context to use (overrides DOCKER_HOST, DOCKER_CONTEXT and `docker context use`).",
            valueName: "name"))
    public var context: String?

    @Option(
        name: [.long, .customShort("H")],
        help: ArgumentHelp(
            "Docker engine endpoint, overriding DOCKER_HOST (unix:///path, tcp://host:port, ssh://user@host).",
            valueName: "url"))
    public var dockerHost: String?

    @Flag(name: .long, help: "Use TLS to a tcp:// engine (implied by --tlsverify).")
    public var tls = false

    @Flag(name: .long, help: "Use TLS and verify the engine's certificate (default: DOCKER_TLS_VERIFY).")
    public var tlsverify = false

    @Option(name: .long, help: ArgumentHelp("Trust certificates signed by this CA.", valueName: "path"))
    public var tlscacert: String?

    @Option(name: .long, help: ArgumentHelp("Client TLS certificate.", valueName: "path"))
    public var tlscert: String?

    @Option(name: .long, help: ArgumentHelp("Client TLS key.", valueName: "path"))
    public var tlskey: String?

    /// A bad `--docker-host`, or `--context` with it, is a usage error found before the command runs.
    public func validate() throws {
        if let context, !context.isEmpty, let dockerHost, !dockerHost.isEmpty {
            throw ValidationError("conflicting options: either specify --docker-host or --context, not both")
        }
        guard let dockerHost else { return }
        do {
            _ = try EngineEndpoint(dockerHost: dockerHost)
        } catch {
            throw ValidationError("--docker-host: \(error.description)")
        }
    }

    /// What the flags (and the engine setting, which stands in for `--docker-host`) ask for.
    public func endpointOptions(settings: GuardSettings?) -> EndpointOptions {
        var options = EndpointOptions(
            context: context, tls: tls, tlsVerify: tlsverify ? true : nil, tlsCACert: tlscacert, tlsCert: tlscert,
            tlsKey: tlskey)
        if let dockerHost {
            options.host = dockerHost
        } else if let engine = settings?.engine {
            options.host = engine
            options.hostSource = "the engine setting"
        }
        return options
    }

    /// The endpoint in force and why, as the docker CLI would find it.
    public func resolve(settings: GuardSettings? = nil) throws -> ResolvedEndpoint {
        let options = endpointOptions(settings: settings)
        let resolver = EndpointResolver()
        do {
            return try resolver.resolve(options)
        } catch {
            // A bad URL says where it came from: the flag, the setting or DOCKER_HOST.
            if case .invalidEndpoint(let value, _) = error {
                if value == options.host { throw ValidationError("\(options.hostSource): \(error.description)") }
                if value == resolver.environment["DOCKER_HOST"] {
                    throw ValidationError("DOCKER_HOST: \(error.description)")
                }
            }
            // A context says which rule named it: the flag, DOCKER_CONTEXT or `docker context use`.
            if case .invalidContext(let name, _) = error {
                let source =
                    if name == options.context { "--context" } else if name == resolver.environment["DOCKER_CONTEXT"] {
                        "DOCKER_CONTEXT"
                    } else { "currentContext in \(resolver.contexts.configDirectory)/config.json" }
                throw ValidationError("\(source): \(error.description)")
            }
            throw ValidationError(error.description)
        }
    }

    /// The client for the endpoint in force.
    public func client(
        settings: GuardSettings? = nil, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        taskExecutor: (any TaskExecutor)? = nil, requestTimeout: TimeAmount = .seconds(30)
    ) throws -> DockerClient {
        let resolved = try resolve(settings: settings)
        do {
            return try DockerClient(
                resolved: resolved, group: group, taskExecutor: taskExecutor, requestTimeout: requestTimeout)
        } catch {
            throw ValidationError("\(resolved.sourceDescription): \(error.description)")
        }
    }
}
