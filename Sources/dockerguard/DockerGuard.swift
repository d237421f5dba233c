import ArgumentParser
import GuardRuntime

struct DockerGuard: AsyncParsableCommand {
    static let version = CommandLineEntry.version

    static let configuration = CommandConfiguration(
        commandName: "dockerguard",
        abstract: "Keep a Docker host running only the containers its operator allows.",
        discussion: """
            The engine is found through DOCKER_HOST (unix:///var/run/docker.sock when unset). See \
            https://github.com/dockerguard/dockerguard for the API and deployment guides.
            """,
        version: version,
        subcommands: [RunCommand.self, CheckCommand.self, SnapshotCommand.self, AuthzCommand.self]
    )
}
