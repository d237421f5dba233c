import GuardRuntime

@main
enum Entry {
    static func main() async {
        await CommandLineEntry.run(DockerGuard.self)
    }
}
