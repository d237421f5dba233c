import ArgumentParser
import DockerEngine
import Foundation
import GuardCore
import GuardRuntime

/// `dockerguard snapshot`: the running containers as an allow-list — the original tool's start-up
/// snapshot, made readable and editable.
struct SnapshotCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Print the running containers as an allow-list.",
        discussion: """
            One rule per running container, by ID, with its name and image as a comment. These two \
            commands behave like the original tool: only the containers running now may run, and \
            they are restarted when they stop.

              $ dockerguard snapshot --keep-running > list
              $ dockerguard run --mode enforce --action remove --allowlist list
            """
    )

    @Flag(help: "Mark every rule keep-running: restart the container when it stops.")
    var keepRunning = false

    @Flag(help: "Write name= rules instead of id= rules (they survive re-creating a container).")
    var byName = false

    @OptionGroup var engine: EngineOptions

    func run() async throws {
        let client = try engine.client()
        let containers: [ContainerSummary]
        do {
            containers = try await client.listContainers()
        } catch {
            throw CommandFailure.fail(error.description)
        }
        print("# dockerguard allow-list: snapshot of \(client.endpoint) at \(EngineTimestamp.now())")
        print("# \(containers.count) running container\(containers.count == 1 ? "" : "s")")
        for container in containers.sorted(by: { $0.names.first ?? "" < $1.names.first ?? "" }) {
            let name = String((container.names.first ?? "").drop { $0 == "/" })
            let term = byName ? RuleTerm.name(Glob(name)) : RuleTerm.id(container.id)
            let rule = AllowRule.render(terms: [term], keepRunning: keepRunning)
            let comment =
                byName
                ? "id \(container.id.prefix(12)), image \(container.image)" : "name \(name), image \(container.image)"
            print("\(rule)  # \(comment)")
        }
    }
}
