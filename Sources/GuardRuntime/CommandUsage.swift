import ArgumentParser

/// A usage error in ArgumentParser's own shape, for the subcommand it belongs to:
/// `Error: …`, `Usage: dockerguard snapshot [--keep-running] …`, `See 'dockerguard snapshot --help'`.
enum CommandUsage {
    static func message(
        for error: ValidationError, command: any ParsableCommand.Type, root: any ParsableCommand.Type
    ) -> String {
        let names = (path(from: root, to: command) ?? [root]).map { $0._commandName }.joined(separator: " ")
        return """
            Error: \(error.message)
            Usage: \(root.usageString(for: command))
              See '\(names) --help' for more information.
            """
    }

    /// The commands from `root` down to `command`, both included; nil when it is not below `root`.
    static func path(from root: any ParsableCommand.Type, to command: any ParsableCommand.Type)
        -> [any ParsableCommand.Type]?
    {
        if ObjectIdentifier(root) == ObjectIdentifier(command) { return [root] }
        for child in root.configuration.subcommands {
            if let below = path(from: child, to: command) { return [root] + below }
        }
        return nil
    }
}
