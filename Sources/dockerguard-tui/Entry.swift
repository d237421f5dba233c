import GuardRuntime

@main
enum Entry {
    static func main() async {
        // The dashboard runs on a thread of its own, never on the event loops the guard uses.
        await CommandLineEntry.run(TUICommand.self, beforeExit: LogFile.restoreStandardError)
    }
}
