import ArgumentParser
import DockerEngine
import Foundation
import GuardCore
import GuardRuntime

/// `dockerguard snapshot`: the running containers as an allow-list — the original tool's start-up
/// snapshot, made readable and editable, with the terms each container needs under the profile.
struct SnapshotCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Print the running containers as an allow-list.",
        discussion: """
            One rule per running container, by ID, with its name and image as a comment, and the \
            terms that lift the profile's limits it needs (privileged, mount=/, host-network, …), so \
            that the list allows exactly how each runs now. These two commands behave like the \
            original tool: only the containers running now may run, and they are restarted when \
            they stop.

              $ dockerguard snapshot --keep-running > list
              $ dockerguard run --mode enforce --action remove --allowlist list
            """
    )

    @Flag(help: "Mark every rule keep-running: restart the container when it stops.")
    var keepRunning = false

    @Flag(help: "Write name= rules instead of id= rules (they survive re-creating a container).")
    var byName = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The profile the list will be judged by: privileged, baseline (the default) or restricted.",
            valueName: "profile"))
    var profile: String = SecurityProfile.defaultProfile.rawValue

    @OptionGroup var engine: EngineOptions

    func run() async throws {
        guard let profile = SecurityProfile(rawValue: profile.lowercased()) else {
            throw ValidationError("--profile: '\(profile)' is not one of privileged, baseline, restricted")
        }
        let client = try engine.client()
        var containers: [ContainerDetails] = []
        do {
            for summary in try await client.listContainers() {
                do {
                    containers.append(try await client.inspectContainer(summary.id))
                } catch EngineError.notFound {
                    continue  // removed between the list and its inspect
                }
            }
        } catch {
            throw CommandFailure.fail(error.description)
        }
        print("# dockerguard allow-list: snapshot of \(client.endpoint) at \(EngineTimestamp.now())")
        print("# \(containers.count) running container\(containers.count == 1 ? "" : "s"); profile \(profile.rawValue)")
        for details in containers.sorted(by: { $0.name < $1.name }) {
            let record = ContainerRecord(details)
            let identity = byName ? RuleTerm.name(Glob(record.displayName)) : RuleTerm.id(record.id)
            let needs = RuleLifts.terms(needed: record.runtime, under: profile)
            let rule = AllowRule.render(terms: [identity] + needs.terms, keepRunning: keepRunning)
            var comment =
                byName
                ? "id \(record.shortID), image \(record.imageRef)"
                : "name \(record.displayName), image \(record.imageRef)"
            if needs.unliftable { comment += "; how it runs is unknown: only profile=privileged allows it" }
            print("\(rule)  # \(comment)")
        }
    }
}
