import ArgumentParser
import DockerEngine
import Foundation
import GuardRuntime
import NIOCore
import StatusServer

/// `dockerguard authz status`: is the engine configured to call the plugin, and does it answer?
struct AuthzCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "authz",
        abstract: "The engine's authorization plugin.",
        subcommands: [AuthzStatusCommand.self]
    )
}

struct AuthzStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Whether the engine calls the plugin, and whether the plugin answers.",
        discussion: """
            Exits 0 when the plugin answers and the engine calls it, 1 otherwise. The engine is asked \
            with a short timeout: while a plugin it calls is down, every API call waits on it.
            """
    )

    @OptionGroup var engine: EngineOptions
    @OptionGroup(title: "Authorization plugin") var authz: AuthzOptions

    func run() async throws {
        let probe = await PluginProbe.activate(path: authz.socketPath)
        let millis =
            Double(probe.elapsed.components.attoseconds) / 1e15 + Double(probe.elapsed.components.seconds) * 1000
        print(
            "plugin \(authz.authzName): \(authz.socketPath): " + (probe.answers ? "answers" : "does not answer")
                + " (\(probe.detail), \(String(format: "%.1f", millis)) ms)")
        var configured = false
        do {
            let endpoint = try EngineEndpoint(dockerHost: engine.dockerHost ?? Environment.dockerHost)
            let client = DockerClient(endpoint: endpoint, requestTimeout: .seconds(5))
            let plugins = try await client.authorizationPlugins()
            configured = plugins.contains(authz.authzName)
            let list = plugins.isEmpty ? "none" : plugins.joined(separator: ", ")
            print(
                "engine \(endpoint): authorization plugins: \(list)"
                    + (configured ? "" : " (\(authz.authzName) is not among them)"))
        } catch {
            print(
                "engine: \(error)"
                    + (probe.answers ? "" : " (a plugin the engine calls that does not answer blocks every call)"))
        }
        if !(probe.answers && configured) { throw ExitCode(1) }
    }
}
