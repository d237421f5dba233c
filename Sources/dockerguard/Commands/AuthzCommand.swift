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
            Exits 0 when the plugin answers and the engine calls it, 1 otherwise. Whether the engine \
            calls it is seen, not read: a /_ping of ours must reach the plugin (docker info does not \
            list a plugin the engine took from daemon.json on SIGHUP). The engine is asked with a \
            short timeout: while a plugin it calls is down, every API call waits on it.
            """
    )

    @OptionGroup var engine: EngineOptions
    @OptionGroup(title: "Authorization plugin") var authz: PluginLocationOptions

    func run() async throws {
        let probe = await PluginProbe.activate(path: authz.socketPath)
        let millis =
            Double(probe.elapsed.components.attoseconds) / 1e15 + Double(probe.elapsed.components.seconds) * 1000
        print(
            "plugin \(authz.authzName): \(authz.socketPath): " + (probe.answers ? "answers" : "does not answer")
                + " (\(probe.detail), \(String(format: "%.1f", millis)) ms)")
        var configured = false
        do {
            let client = try engine.client(requestTimeout: .seconds(5))
            let plugins = try await client.authorizationPlugins()
            let listed = plugins.contains(authz.authzName)
            // `docker info` lists only the plugins the engine started with, not one added from
            // daemon.json by SIGHUP: whether a call of ours reaches the plugin is what tells.
            var reached: Bool?
            if probe.answers, let before = await PluginProbe.requestsSeen(path: authz.socketPath) {
                _ = try await client.ping()
                reached = (await PluginProbe.requestsSeen(path: authz.socketPath)).map { $0 > before }
            }
            configured = reached ?? listed
            let list = plugins.isEmpty ? "none" : plugins.joined(separator: ", ")
            let calls =
                switch reached {
                case true?: "calls \(authz.authzName) (a /_ping of ours reached it)"
                case false?: "does not call \(authz.authzName) (a /_ping of ours did not reach it)"
                case nil: listed ? "calls \(authz.authzName)" : "\(authz.authzName) is not among its plugins"
                }
            print("engine \(client.endpoint): \(calls); docker info lists authorization plugins: \(list)")
        } catch {
            print(
                "engine: \(error)"
                    + (probe.answers ? "" : " (a plugin the engine calls that does not answer blocks every call)"))
        }
        if !(probe.answers && configured) { throw ExitCode(1) }
    }
}
