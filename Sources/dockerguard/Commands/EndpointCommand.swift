import ArgumentParser
import DockerEngine
import GuardRuntime
import NIOCore

/// `dockerguard endpoint`: which engine the other commands would talk to, and which rule chose it.
struct EndpointCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "endpoint",
        abstract: "Show which Docker endpoint is in force and why; with --ping, whether it answers.",
        discussion: """
            The order is the docker CLI's: --context, --docker-host, DOCKER_HOST, DOCKER_CONTEXT, \
            currentContext in $DOCKER_CONFIG/config.json, the default socket (Podman's when there is \
            no Docker socket). Exit status 64, with the usage, when a flag, DOCKER_HOST or a context \
            cannot be used; 1 when, with --ping, the engine does not answer.
            """
    )

    @Option(
        name: .long,
        help: ArgumentHelp("Config file (default: $XDG_CONFIG_HOME/dockerguard/config.yaml).", valueName: "path"))
    var config: String?

    @Flag(name: .long, help: "Also connect and print the engine's version.")
    var ping = false

    @Flag(name: [.short, .long], help: "Print every rule looked at, in order.")
    var verbose = false

    @OptionGroup var engine: EngineOptions

    func run() async throws {
        let settings = try SettingsLoader.loadForCommand(configPath: config, flags: [:])
        let resolved = try engine.resolve(settings: settings)
        print("endpoint: \(resolved.endpoint)")
        print("source: \(resolved.sourceDescription)")
        if let tls = resolved.tls { print("tls: \(tls.summary)") }
        if verbose {
            for reason in resolved.reasons { print("  - \(reason)") }
        }
        guard ping else { return }
        let client = try engine.client(settings: settings, requestTimeout: .seconds(35))
        do {
            let version = try await client.negotiate()
            print("engine: \(version.displayVersion) (API \(client.negotiatedAPIVersion.map { "\($0)" } ?? "?"))")
        } catch {
            throw CommandFailure.fail(error.description)
        }
    }
}
