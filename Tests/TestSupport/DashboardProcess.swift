import Foundation

/// The real `dockerguard-tui` binary running in a tmux window against an engine, with a private
/// XDG home. After it exits the pane prints its exit status and whether the terminal is back in
/// its normal mode (canonical input, echo), so a test can check it was restored.
public final class DashboardProcess: Sendable {
    public let tmux: TmuxSession
    public let home: String
    public let logPath: String
    public let allowListPath: String
    /// `--ready-file`: written by the dashboard once its API listens.
    public let readyFilePath: String

    /// `DOCKERGUARD_TUI_BIN` when scripts/test set it, else the debug build.
    public static var binaryPath: String {
        TestEngine.environment["DOCKERGUARD_TUI_BIN"] ?? RepositoryPaths.root + "/.build/debug/dockerguard-tui"
    }

    @available(*, noasync, message: "starts tmux: use DashboardProcess.start(engineHost:allowList:...)")
    public init(engineHost: String, allowList: String, arguments: [String] = [], width: Int = 120, height: Int = 40)
        throws
    {
        home = NSTemporaryDirectory() + "dockerguard-tui-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: home + "/config/dockerguard", withIntermediateDirectories: true)
        allowListPath = home + "/config/dockerguard/allowlist"
        logPath = home + "/tui.log"
        readyFilePath = home + "/ready.json"
        try allowList.write(toFile: allowListPath, atomically: true, encoding: .utf8)
        let q = TmuxSession.quote
        let command =
            ([
                "env", "-i", "PATH=\"$PATH\"", "TERM=\"$TERM\"", "LANG=C.UTF-8", "HOME=\(q(home))",
                "XDG_CONFIG_HOME=\(q(home + "/config"))", "XDG_STATE_HOME=\(q(home + "/state"))",
                q(Self.binaryPath), "--docker-host", q(engineHost), "--log-file", q(logPath),
                "--ready-file", q(readyFilePath),
            ] + arguments.map(q)).joined(separator: " ")
        let script =
            "\(command); echo \"dockerguard-tui exited $?\"; "
            + "if stty -a | grep -Eqw -- '-icanon|-echo'; then echo 'terminal left raw'; "
            + "else echo 'terminal restored'; fi; sleep 600"
        tmux = try TmuxSession(command: "sh -c \(q(script))", width: width, height: height)
    }

    /// Starts the dashboard in tmux, off the cooperative pool.
    public static func start(
        engineHost: String, allowList: String, arguments: [String] = [], width: Int = 120, height: Int = 40
    ) async throws -> DashboardProcess {
        try await offPool {
            try DashboardProcess(
                engineHost: engineHost, allowList: allowList, arguments: arguments, width: width, height: height)
        }
    }

    public var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// The API's address once it listens, from its ready file.
    public func apiBaseURL() async -> String? {
        await ReadyFileContents.wait(readyFilePath).map { "http://" + $0.listen }
    }

    /// Waits until the screen satisfies `condition`; returns the last screen either way.
    public func screen(
        within timeout: Duration = .seconds(10), until condition: (String) -> Bool
    ) async -> (matched: Bool, screen: String) {
        var last = ""
        let took = await eventually(timeout: timeout) {
            last = await tmux.capture()
            return condition(last)
        }
        return (took != nil, last)
    }

    /// Ends it and removes its home, in the background (see ``TmuxSession/kill()``).
    public func stop() {
        BackgroundCleanup.run {
            self.tmux.killAndWait()
            try? FileManager.default.removeItem(atPath: self.home)
        }
    }
}
