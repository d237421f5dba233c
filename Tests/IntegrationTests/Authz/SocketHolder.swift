import Foundation
import TestSupport

/// `scripts/authz-socket-holder.py` running `dockerguard run --authz` socket-activated, restarted
/// whenever it exits, as systemd does with the shipped socket unit.
final class SocketHolder: @unchecked Sendable {
    // @unchecked: used by the one test that owns it.
    private let process = Process()
    let home = NSTemporaryDirectory() + "dockerguard-holder-\(UUID().uuidString.prefix(8))"
    var pidFile: String { home + "/child.pid" }
    var logPath: String { home + "/guard.log" }
    var allowListPath: String { home + "/config/dockerguard/allowlist" }

    init(engine: PluginEngine, mode: String, allowList: String, extra: [String] = []) throws {
        try FileManager.default.createDirectory(atPath: home + "/config/dockerguard", withIntermediateDirectories: true)
        try allowList.write(toFile: allowListPath, atomically: true, encoding: .utf8)
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let scripts = TestEngine.environment["DOCKERGUARD_TEST_SCRIPTS"] ?? RepositoryPaths.root + "/scripts"
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments =
            [
                "python3", scripts + "/authz-socket-holder.py", "--pidfile", pidFile, engine.socketPath, "--",
                DockerGuardProcess.binaryPath, "run", "--listen", "127.0.0.1:0", "--docker-host", engine.host,
                "--mode", mode, "--authz", "--authz-name", engine.name,
            ] + extra
        try DockerGuardProcess.launch(process, home: home, logPath: logPath)
    }

    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// The running child's pid, as the holder last wrote it.
    var childPID: Int32? {
        (try? String(contentsOfFile: pidFile, encoding: .utf8)).flatMap {
            Int32($0.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    /// How many times a child took the inherited socket.
    var activations: Int { log.components(separatedBy: "socket=inherited (socket activation)").count - 1 }

    /// SIGTERM to the holder (it stops the child and removes the socket), in the background
    /// (``BackgroundCleanup``), so that it can run from a `defer` in async code.
    func stop() {
        BackgroundCleanup.run { self.stopAndWait() }
    }

    @available(*, noasync, message: "waits for the holder to exit: use stop()")
    func stopAndWait() {
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        let deadline = ContinuousClock.now + .seconds(15)
        while process.isRunning, ContinuousClock.now < deadline { usleep(10_000) }
        if process.isRunning, let child = childPID { kill(child, SIGKILL) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(atPath: home)
    }
}
