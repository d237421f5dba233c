import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Runs a command to completion and captures its output.
///
/// Spawned with posix_spawn rather than Foundation's `Process`: `Process` on Linux learns of the
/// child's exit through a descriptor the child inherits, so a command that leaves a daemon running
/// (scripts/docker-private start) would never be seen to finish. Here every descriptor above 2 is
/// closed in the child and the exit is taken from waitpid.
public enum Subprocess {
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// Past `timeout` the command is killed (SIGKILL) and its result says so in `stderr`: a command
    /// that never ends fails its test rather than holding the whole run. With `describesHang` the
    /// report also says what its threads were doing (``ProcessStacks``, which runs gdb through here
    /// without it).
    @available(*, noasync, message: "blocks a cooperative thread: use the async overload")
    public static func run(
        _ executable: String, _ arguments: [String], timeout: Duration = .seconds(120), describesHang: Bool = true
    ) throws -> Result {
        let outPath = NSTemporaryDirectory() + "subprocess-\(UUID().uuidString).out"
        let errPath = outPath + ".err"
        defer {
            unlink(outPath)
            unlink(errPath)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        for fd in openDescriptors() where fd > 2 { posix_spawn_file_actions_addclose(&actions, fd) }

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        let spawned = posix_spawnp(&pid, executable, &actions, nil, argv, environ)
        guard spawned == 0 else { throw TestFailure("cannot run \(executable): \(String(cString: strerror(spawned)))") }

        var status: Int32 = 0
        let deadline = ContinuousClock.now + timeout
        var killed = false
        var stacks = ""
        while true {
            let waited = waitpid(pid, &status, WNOHANG)
            if waited == pid || (waited == -1 && errno != EINTR) { break }
            if !killed, ContinuousClock.now > deadline {
                if describesHang { stacks = ProcessStacks.describe(pid) }
                kill(pid, SIGKILL)
                killed = true
            }
            usleep(5_000)
        }
        let exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let stderr = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        return Result(
            status: exitStatus,
            stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
            stderr: killed ? stderr + "\n[killed after \(timeout): it had not exited]\n" + stacks : stderr)
    }

    /// The descriptors open in this process now (glibc's closefrom action is not importable).
    private static func openDescriptors() -> [Int32] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        return names.compactMap { Int32($0) }.filter { fcntl($0, F_GETFD) != -1 }
    }
}
