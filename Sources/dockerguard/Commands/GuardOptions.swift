import ArgumentParser
import Foundation
import GuardCore

/// The settings every guarding command shares (`run`, later `dockerguard-tui`). Each flag given
/// overrides the environment (`DOCKERGUARD_*`), which overrides the config file.
struct GuardOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Config file (default: $XDG_CONFIG_HOME/dockerguard/config.yaml).", valueName: "path"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("Allow-list file (default: $XDG_CONFIG_HOME/dockerguard/allowlist).", valueName: "path"))
    var allowlist: String?

    @Option(name: .long, help: ArgumentHelp("audit (record only, the default), confirm, or enforce.", valueName: "mode"))
    var mode: String?

    @Option(name: .long, help: ArgumentHelp("What enforce does to a violating container: stop (default), kill, or remove.", valueName: "action"))
    var action: String?

    @Option(name: .long, help: ArgumentHelp("Seconds between SIGTERM and SIGKILL for the stop action (default 10).", valueName: "seconds"))
    var stopTimeout: String?

    @Option(name: .long, help: ArgumentHelp("Address of the HTTP API (HOST:PORT, [IPv6]:PORT or :PORT; default 127.0.0.1:8080).", valueName: "address"))
    var listen: String?

    @Option(name: .long, help: ArgumentHelp("Audit log, JSON lines (default: $XDG_STATE_HOME/dockerguard/audit.jsonl).", valueName: "path"))
    var auditLog: String?

    @Option(name: .long, help: ArgumentHelp("Seconds between full resyncs with the engine (default 60).", valueName: "seconds"))
    var resyncInterval: String?

    /// The flags given, by settings key.
    var flags: [String: String] {
        var flags: [String: String] = [:]
        flags["allowlist"] = allowlist
        flags["mode"] = mode
        flags["action"] = action
        flags["stop-timeout"] = stopTimeout
        flags["listen"] = listen
        flags["audit-log"] = auditLog
        flags["resync-interval"] = resyncInterval
        return flags
    }

    func load(engine: String?) throws -> GuardSettings {
        var flags = flags
        flags["engine"] = engine
        return try SettingsLoader.loadForCommand(configPath: config, flags: flags)
    }
}

extension SettingsLoader {
    /// Loads settings for a command; a bad setting is a usage error naming the key and its source.
    static func loadForCommand(configPath: String?, flags: [String: String]) throws -> GuardSettings {
        do {
            return try load(configPath: configPath, environment: ProcessInfo.processInfo.environment, flags: flags)
        } catch {
            throw ValidationError(error.description)
        }
    }
}
