import ArgumentParser
import GuardCore
import StatusServer

/// Where the authorization plugin is: its name and socket. All that `dockerguard authz status` takes.
public struct PluginLocationOptions: ParsableArguments {
    public init() {}

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Plugin name: the socket is /run/docker/plugins/NAME.sock and the engine's flag "
                + "--authorization-plugin=NAME.",
            valueName: "name"))
    public var authzName = "dockerguard"

    @Option(
        name: .long,
        help: ArgumentHelp("Plugin socket path (default: /run/docker/plugins/NAME.sock).", valueName: "path"))
    public var authzSocket: String?

    public var socketPath: String { authzSocket ?? PluginSocketPath.path(name: authzName) }

    public func validate() throws {
        guard !authzName.isEmpty, authzName.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) else {
            throw ValidationError("--authz-name: '\(authzName)' must be letters, digits, '-', '_' or '.'")
        }
    }
}

/// The authorization plugin's options (`dockerguard run --authz`, `dockerguard-tui --authz`).
/// Command-line only for now: the plugin is turned on where the engine's `daemon.json` is.
public struct AuthzOptions: ParsableArguments {
    public init() {}

    @Flag(
        name: .long,
        help: "Serve the engine's authorization plugin: refuse creates and starts the allow-list does not allow.")
    public var authz = false

    @OptionGroup public var location: PluginLocationOptions

    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp("Longest time one answer may take, in ms.", valueName: "ms"))
    public var authzBudget = 200

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Answer when a call cannot be judged in time: mode (deny in enforce and confirm, allow in audit), "
                + "allow, deny.",
            valueName: "policy"))
    public var authzFailure = "mode"

    public var socketPath: String { location.socketPath }

    public func validate() throws {
        guard authzBudget > 0, authzBudget <= 60_000 else {
            throw ValidationError("--authz-budget: \(authzBudget) ms is not between 1 and 60000")
        }
        guard AuthzSettings.FailurePolicy(rawValue: authzFailure) != nil else {
            throw ValidationError("--authz-failure: '\(authzFailure)' is not mode, allow or deny")
        }
    }

    public func settings(readonly: Bool, operatorPresent: Bool = false) -> AuthzSettings {
        AuthzSettings(
            budget: .milliseconds(authzBudget),
            failurePolicy: AuthzSettings.FailurePolicy(rawValue: authzFailure) ?? .byMode,
            readonly: readonly, operatorPresent: operatorPresent)
    }
}
