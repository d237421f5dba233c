import Foundation

/// The real `dockerguard` binary, run as a child process against the private engine.
public final class DockerGuardProcess: @unchecked Sendable {
    // @unchecked: the Process is only touched by the test that owns this object.
    private let process = Process()
    public let logPath: String
    /// A private XDG home: config, allow-list and audit log of this run only.
    public let home: String
    public private(set) var probe = HTTPProbe(baseURL: "")
    /// `--ready-file`: written by the guard once its API listens.
    public let readyFilePath: String

    /// The binary `swift build` made: `DOCKERGUARD_BIN` when scripts/test set it, else the debug build.
    public static var binaryPath: String {
        TestEngine.environment["DOCKERGUARD_BIN"] ?? RepositoryPaths.root + "/.build/debug/dockerguard"
    }

    /// Starts `dockerguard run` on a free loopback port and waits until the API listens (its ready file).
    /// - Parameter allowList: the allow-list's text, written to the default path before start.
    /// - Parameter environment: added to the guard's environment (a `PATH` whose ssh is another's).
    public init(
        engineHost: String?, allowList: String? = nil, extraArguments: [String] = [],
        environment: [String: String] = [:]
    ) async throws {
        guard let engineHost else { throw TestFailure("no private engine") }
        home = NSTemporaryDirectory() + "dockerguard-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: home + "/config/dockerguard", withIntermediateDirectories: true)
        logPath = home + "/dockerguard.log"
        readyFilePath = home + "/ready.json"
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        if let allowList { try allowList.write(toFile: allowListPath, atomically: true, encoding: .utf8) }
        process.executableURL = URL(fileURLWithPath: Self.binaryPath)
        process.arguments =
            [
                "run", "--listen", "127.0.0.1:0", "--ready-file", readyFilePath, "--docker-host", engineHost,
            ] + extraArguments
        try Self.launch(process, home: home, logPath: logPath, environment: environment)

        let process = process
        guard let ready = await ReadyFileContents.wait(readyFilePath, while: { process.isRunning }) else {
            await terminate()
            throw TestFailure("dockerguard wrote no ready file; log:\n\(self.log)")
        }
        probe = HTTPProbe(baseURL: "http://" + ready.listen)
    }

    /// Runs `process` as a guard of its own: only `--docker-host` decides which engine it watches
    /// (no `DOCKER_HOST`, no `DOCKERGUARD_*`), its config, state and home are under `home`, and its
    /// output goes to `logPath`.
    public static func launch(
        _ process: Process, home: String, logPath: String, environment added: [String: String] = [:]
    ) throws {
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "DOCKER_HOST")
        for key in environment.keys where key.hasPrefix("DOCKERGUARD_") { environment.removeValue(forKey: key) }
        environment["XDG_CONFIG_HOME"] = home + "/config"
        environment["XDG_STATE_HOME"] = home + "/state"
        environment["HOME"] = home
        environment.merge(added) { _, new in new }
        process.environment = environment
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        process.standardError = log
        process.standardOutput = log
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    public var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// The default allow-list path of this run (`$XDG_CONFIG_HOME/dockerguard/allowlist`).
    public var allowListPath: String { home + "/config/dockerguard/allowlist" }

    /// The audit log's lines, decoded.
    public var auditRecords: [[String: Any]] {
        let text = (try? String(contentsOfFile: home + "/state/dockerguard/audit.jsonl", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    /// Waits for an audit line that `match` accepts: the fact that the guard has judged (or acted).
    public func audit(
        within timeout: Duration = .seconds(5), where match: ([String: Any]) -> Bool
    ) async -> [String: Any]? {
        var found: [String: Any]?
        _ = await eventually(timeout: timeout) {
            found = auditRecords.first(where: match)
            return found != nil
        }
        return found
    }

    /// The audit lines about one container.
    public func auditRecords(for id: String) -> [[String: Any]] {
        auditRecords.filter { $0["container_id"] as? String == id }
    }

    public var isRunning: Bool { process.isRunning }

    public var pid: Int32 { process.processIdentifier }

    /// Sends `signal` and waits for the exit, off the cooperative pool; returns the exit status.
    @discardableResult
    public func terminate(signal: Int32 = SIGTERM, timeout: Duration = .seconds(20)) async -> Int32? {
        (try? await offPool { self.terminate(signal: signal, timeout: timeout) }) ?? nil
    }

    /// ``terminate(signal:timeout:)`` in the background (``BackgroundCleanup``), for a `defer` in
    /// async code: it returns at once.
    public func terminateInBackground() {
        BackgroundCleanup.run { self.terminate() }
    }

    /// Sends `signal` and waits for the exit; returns the exit status. The wait outlasts the guard's
    /// own shutdown watchdog (10 s), so a guard stuck stopping says in its log what held it.
    @available(*, noasync, message: "waits for a process: use the async overload")
    @discardableResult
    public func terminate(signal: Int32 = SIGTERM, timeout: Duration = .seconds(20)) -> Int32? {
        if process.isRunning { kill(process.processIdentifier, signal) }
        let deadline = ContinuousClock.now + timeout
        while process.isRunning, ContinuousClock.now < deadline { usleep(10_000) }
        if process.isRunning {
            let stacks = ProcessStacks.describe(process.processIdentifier)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            reportUncleanStop("did not exit \(timeout) after signal \(signal): killed\n\(stacks)")
            return nil
        }
        let status = process.terminationStatus
        if status != 0 { reportUncleanStop("exited with status \(status) after signal \(signal)") }
        return status
    }

    /// A guard that did not stop cleanly: its log's end on stderr, since the log goes with `home`.
    private func reportUncleanStop(_ what: String) {
        let tail = log.split(separator: "\n", omittingEmptySubsequences: false).suffix(30).joined(separator: "\n")
        FileHandle.standardError.write(
            Data("dockerguard \(process.processIdentifier) \(what); its log ends:\n\(tail)\n".utf8))
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(atPath: home)
    }
}
