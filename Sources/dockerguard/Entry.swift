import ArgumentParser
import NIOCore
import NIOPosix

@main
enum Entry {
    static func main() async {
        // Run Swift concurrency on NIO's event loop threads: a request then never hops between
        // NIO's threads and the concurrency pool, which was most of the cost of serving
        // /containers (BENCHMARKS.md). Must come first, before any other task exists.
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        await runCommandLine()
    }

    /// What `@main` on an AsyncParsableCommand does, written out because it has to come second.
    private static func runCommandLine() async {
        do {
            var command = try DockerGuard.parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            DockerGuard.exit(withError: error)
        }
    }
}
