import ArgumentParser
import GuardRuntime

struct DockerGuard: AsyncParsableCommand {
    static let version = CommandLineEntry.version

    static let configuration = CommandConfiguration(
        commandName: "dockerguard",
        abstract: "Keep a Docker host running only the containers its operator allows.",
        discussion: """
            The engine is found as the docker CLI finds it: --context, --docker-host, DOCKER_HOST, \
            DOCKER_CONTEXT, the current context of `docker context use`, the default socket (then \
            Podman's); `dockerguard endpoint` says which. See \
            https://github.com/dockerguard/dockerguard for the API and deployment guides.
            """,
        version: version,
        subcommands: [
            RunCommand.self, CheckCommand.self, SnapshotCommand.self, AuthzCommand.self, EndpointCommand.self,
        ]
    )
}
