import ArgumentParser
import NIOCore
import NIOPosix

/// What both executables' `main` does.
public enum CommandLineEntry {
    /// dockerguard's version, reported by `--version` and the API.
    public static let version = "0.1.0"

    /// Installs NIO's event loops as Swift's global executor, then parses and runs `Command`.
    /// `beforeExit` runs before a failure is printed (the dashboard points standard error back at
    /// the terminal there).
    public static func run<Command: ParsableCommand>(_: Command.Type, beforeExit: () -> Void = {}) async {
        // Run Swift concurrency on NIO's event loop threads: a request then never hops between
        // NIO's threads and the concurrency pool, which was most of the cost of serving
        // /containers (BENCHMARKS.md). Must come first, before any other task exists.
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        var parsed: (any ParsableCommand.Type)?
        do {
            var command = try Command.parseAsRoot()
            parsed = type(of: command)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as ValidationError {
            beforeExit()
            // A value found bad while the command ran (a setting, DOCKER_HOST): ArgumentParser
            // would show the top-level usage; show the usage of the command that was run.
            guard let parsed else { Command.exit(withError: error) }
            CommandFailure.printError(CommandUsage.message(for: error, command: parsed, root: Command.self))
            Command.exit(withError: ExitCode.validationFailure)
        } catch {
            beforeExit()
            Command.exit(withError: error)
        }
    }
}
