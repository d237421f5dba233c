import ArgumentParser
import DockerEngine
import Foundation
import GuardCore
import GuardRuntime

/// `dockerguard check`: validate an allow-list, and optionally show what it would do right now.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the allow-list; with --engine, list what would be acted on now.",
        discussion: "Each error is printed as path:line:column: message. Exit status 1 when the list is invalid."
    )

    @Option(
        name: .long, help: ArgumentHelp("The allow-list to check (default: the configured one).", valueName: "path"))
    var allowlist: String?

    @Option(
        name: .long,
        help: ArgumentHelp("Config file (default: $XDG_CONFIG_HOME/dockerguard/config.yaml).", valueName: "path"))
    var config: String?

    @Option(
        name: .long,
        help: ArgumentHelp("The mode to describe the dry run in (default: the configured one).", valueName: "mode"))
    var mode: String?

    @Flag(name: .long, help: "Also judge the engine's running containers: a dry run of enforcement.")
    var engine = false

    @OptionGroup var engineOptions: EngineOptions

    func run() async throws {
        var flags: [String: String] = [:]
        if let allowlist { flags["allowlist"] = allowlist }
        if let mode { flags["mode"] = mode }
        let settings = try SettingsLoader.loadForCommand(configPath: config, flags: flags)
        let list: AllowList
        switch AllowList.load(path: settings.allowlistPath) {
        case .success(let loaded):
            list = loaded
            print("\(settings.allowlistPath): \(list.rules.count) rule\(list.rules.count == 1 ? "" : "s"), valid")
            // Warnings do not fail the check: the list applies as it is.
            for warning in list.warnings { print(warning.description) }
        case .failure(let errors):
            for error in errors.errors { print(error.description) }
            throw ExitCode.failure
        }
        guard engine else { return }

        let client = try engineOptions.client(settings: settings)
        let running: [ContainerDetails]
        do {
            var details: [ContainerDetails] = []
            for summary in try await client.listContainers() {
                do {
                    details.append(try await client.inspectContainer(summary.id))
                } catch EngineError.notFound {
                    continue  // removed between the list and its inspect: no longer running
                }
            }
            running = details
        } catch {
            throw CommandFailure.fail(error.description)
        }
        let aliases = ImageAliases()
        let selfID = SelfIdentity.resolve(SelfProbe.read(), among: running.map(ContainerRecord.init)).id
        var violating = 0
        for details in running.sorted(by: { $0.name < $1.name }) {
            let record = ContainerRecord(details)
            let decision = await Decision.judge(
                record, list: list, aliases: aliases, client: client, selfID: selfID, cause: .resync)
            let mark =
                switch decision.verdict {
                case .ownContainer: "self     "
                case .allowed: "allowed  "
                case .violating: "VIOLATING"
                }
            if !decision.isAllowed { violating += 1 }
            print("\(mark)  \(record.displayName)  \(record.imageRef)  \(decision.reason)")
        }
        let consequence =
            switch settings.mode {
            case .audit: "mode audit: they would be recorded only"
            case .confirm: "mode confirm: they would wait for an operator"
            case .enforce: "mode enforce: action \(settings.action.rawValue) on each"
            }
        print("\(running.count) running, \(violating) violating; \(consequence)")
    }
}
