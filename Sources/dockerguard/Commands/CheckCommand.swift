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
        discussion: """
            Each error is printed as path:line:column: message. Exit status: 0 when the list is valid \
            (and, with --engine, no running container violates it), 1 when the list is invalid or the \
            engine cannot be asked, \(CheckReport.violationsExitStatus) when running containers violate \
            the list (whatever the mode).
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

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

    @Option(
        name: .long,
        help: ArgumentHelp(
            "privileged, baseline (the default) or restricted: how allowed containers may run.", valueName: "profile"))
    var profile: String?

    @Flag(name: .long, help: "Also judge the engine's running containers: a dry run of enforcement.")
    var engine = false

    @Option(name: .long, help: "Output: text (default) or json (one object, for scripts).")
    var format: Format = .text

    @OptionGroup var engineOptions: EngineOptions

    func run() async throws {
        var flags: [String: String] = [:]
        if let allowlist { flags["allowlist"] = allowlist }
        if let mode { flags["mode"] = mode }
        if let profile { flags["profile"] = profile }
        let settings = try SettingsLoader.loadForCommand(configPath: config, flags: flags)
        let loaded = AllowList.load(path: settings.allowlistPath).map { $0.with(profile: settings.profile) }
        var report = CheckReport(
            allowlist: CheckReport.listResult(path: settings.allowlistPath, loaded, profile: settings.profile.rawValue),
            engine: nil)
        if engine, case .success(let list) = loaded {
            let client = try engineOptions.client(settings: settings)
            SecurityProfile.countEngineSocket(of: client.endpoint)
            do {
                report.engine = try await Self.dryRun(list: list, client: client, settings: settings)
            } catch {
                if format == .text { print(report.text) }  // the list's verdict still stands
                throw CommandFailure.fail(error.description)
            }
        }
        print(format == .json ? report.json : report.text)
        if report.exitStatus != 0 { throw ExitCode(report.exitStatus) }
    }

    /// Judges every running container as the enforcer would, and acts on none.
    static func dryRun(list: AllowList, client: DockerClient, settings: GuardSettings) async throws(EngineError)
        -> CheckReport.EngineResult
    {
        var running: [ContainerDetails] = []
        for summary in try await client.listContainers() {
            do {
                running.append(try await client.inspectContainer(summary.id))
            } catch EngineError.notFound {
                continue  // removed between the list and its inspect: no longer running
            }
        }
        let aliases = ImageAliases()
        let selfID = SelfIdentity.resolve(SelfProbe.read(), among: running.map(ContainerRecord.init)).id
        var containers: [CheckReport.Container] = []
        for details in running.sorted(by: { $0.name < $1.name }) {
            let record = ContainerRecord(details)
            let decision = await Decision.judge(
                record, list: list, aliases: aliases, client: client, selfID: selfID, cause: .resync)
            containers.append(
                CheckReport.Container(
                    id: record.id, name: record.displayName, image: record.imageRef, verdict: decision.verdictLabel,
                    rule: decision.ruleLocation, reason: decision.reason))
        }
        return CheckReport.EngineResult(
            endpoint: client.endpoint.description, mode: settings.mode.rawValue, action: settings.action.rawValue,
            running: containers.count, violating: containers.filter { $0.verdict == "violating" }.count,
            consequence: CheckReport.consequence(mode: settings.mode, action: settings.action),
            containers: containers)
    }
}
