import ArgumentParser
import NIOCore
import NIOPosix

@main
enum Entry {
    static func main() async {
        // As in `dockerguard`: Swift concurrency on NIO's event loops (see BENCHMARKS.md). The
        // dashboard itself runs on a thread of its own, never on these loops.
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        do {
            var command = try TUICommand.parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            LogFile.restoreStandardError()
            TUICommand.exit(withError: error)
        }
    }
}
