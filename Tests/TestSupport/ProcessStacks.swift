import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// What each thread of a process that would not end is doing, for the report of a test that kills
/// it: each thread's state and kernel wait channel from /proc, and, where gdb is installed, every
/// thread's backtrace. A guard that hung under load once (2026-12-07) left nothing to go on.
public enum ProcessStacks {
    @available(*, noasync, message: "runs gdb: call it from the blocking code that waits for the process")
    public static func describe(_ pid: pid_t) -> String {
        var text = "threads of \(pid) (tid comm state wchan):\n"
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
        for tid in tasks.sorted(by: { (Int($0) ?? 0) < (Int($1) ?? 0) }) {
            let base = "/proc/\(pid)/task/\(tid)"
            let comm = read(base + "/comm")
            let state = read(base + "/stat").split(separator: ")").last?.split(separator: " ").first.map(String.init)
            text += "  \(tid) \(comm) \(state ?? "?") \(read(base + "/wchan"))\n"
        }
        let gdb = "/usr/bin/gdb"
        guard FileManager.default.isExecutableFile(atPath: gdb),
            let result = try? Subprocess.run(
                gdb, ["-p", "\(pid)", "-batch", "-ex", "thread apply all bt 20"], timeout: .seconds(60),
                describesHang: false)
        else { return text + "(no gdb: no backtraces)\n" }
        // gdb's own chatter (symbol loading) is dropped; the backtraces are the lines that matter.
        let backtraces = result.stdout.split(separator: "\n").filter { $0.hasPrefix("Thread ") || $0.hasPrefix("#") }
        return text + backtraces.joined(separator: "\n") + "\n"
    }

    private static func read(_ path: String) -> String {
        ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "?").trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
