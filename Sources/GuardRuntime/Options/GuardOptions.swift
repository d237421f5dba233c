import ArgumentParser
import Foundation
import GuardCore

/// The settings every guarding command shares (`dockerguard run`, `dockerguard-tui`). Each flag given
/// overrides the environment (`DOCKERGUARD_*`), which overrides the config file.
public struct GuardOptions: ParsableArguments {
    public init() {}

    @Option(
        name: .long,
        help: ArgumentHelp("Config file (default: $XDG_CONFIG_HOME/dockerguard/config.yaml).", valueName: "path"))
    public var config: String?

    @Option(
        name: .long,
        help: ArgumentHelp("Allow-list file (default: $XDG_CONFIG_HOME/dockerguard/allowlist).", valueName: "path"))
    public var allowlist: String?

    @Option(
        name: .long, help: ArgumentHelp("audit (record only, the default), confirm, or enforce.", valueName: "mode"))
    public var mode: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "What enforce does to a violating container: stop (default), kill, or remove.", valueName: "action"))
    public var action: String?

    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp(
            "privileged, baseline (the default) or restricted: how allowed containers may run.", valueName: "profile"))
    public var profile: String?

    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp(
            "Seconds between SIGTERM and SIGKILL for the stop action (default 10).", valueName: "seconds"))
    public var stopTimeout: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Address of the HTTP API (HOST:PORT, [IPv6]:PORT or :PORT; default 127.0.0.1:8080).", valueName: "address"))
    public var listen: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Audit log, JSON lines (default: $XDG_STATE_HOME/dockerguard/audit.jsonl).", valueName: "path"))
    public var auditLog: String?

    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp(
            "Seconds between resyncs with the engine (default 60; every tenth inspects every container).",
            valueName: "seconds"))
    public var resyncInterval: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Once the API listens, write {\"listen\":\"HOST:PORT\",\"pid\":N} to this file (atomically).",
            valueName: "path"))
    public var readyFile: String?

    /// The flags given, by settings key.
    public var flags: [String: String] {
        var flags: [String: String] = [:]
        flags["allowlist"] = allowlist
        flags["mode"] = mode
        flags["profile"] = profile
        flags["action"] = action
        flags["stop-timeout"] = stopTimeout
        flags["listen"] = listen
        flags["audit-log"] = auditLog
        flags["resync-interval"] = resyncInterval
        return flags
    }

    public func load(engine: String?) throws -> GuardSettings {
        var flags = flags
        flags["engine"] = engine
        return try SettingsLoader.loadForCommand(configPath: config, flags: flags)
    }
}

extension SettingsLoader {
    /// Loads settings for a command; a bad setting is a usage error naming the key and its source.
    public static func loadForCommand(configPath: String?, flags: [String: String]) throws -> GuardSettings {
        do {
            return try load(configPath: configPath, environment: ProcessInfo.processInfo.environment, flags: flags)
        } catch {
            throw ValidationError(error.description)
        }
    }
}
