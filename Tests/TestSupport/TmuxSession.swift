import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A detached tmux server of its own running one command in a window of a given size: tests type
/// with `send-keys` and read the screen with `capture-pane -p`, as an operator would see it.
public final class TmuxSession: Sendable {
    /// The tmux server's socket name (`tmux -L`), unique per session.
    public let socket: String

    /// Starts `command` (a shell command line) in a `width`×`height` window, UTF-8 enabled.
    public init(command: String, width: Int, height: Int) throws {
        socket = "dgtest-\(UUID().uuidString.prefix(8))"
        try tmux(["-f", "/dev/null", "new-session", "-d", "-s", "main", "-x", "\(width)", "-y", "\(height)", command])
    }

    /// Types keys: tmux key names (`Enter`, `Escape`, `Up`, `C-c`) or literal text with `literal`.
    public func send(_ keys: String..., literal: Bool = false) throws {
        try tmux(["send-keys", "-t", "main"] + (literal ? ["-l"] : []) + keys)
    }

    /// The screen as text, one line per row.
    public func capture() -> String {
        (try? tmux(["capture-pane", "-p", "-t", "main"])) ?? ""
    }

    public func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", "main", "-x", "\(width)", "-y", "\(height)"])
    }

    /// The process running in the pane.
    public func panePID() throws -> Int32 {
        guard
            let pid = Int32(
                try tmux(["display-message", "-p", "-t", "main", "#{pane_pid}"]).trimmingCharacters(
                    in: .whitespacesAndNewlines))
        else { throw TestFailure("no pane pid") }
        return pid
    }

    /// Ends the tmux server and everything in it. The pane's process group is killed first:
    /// under a test runner that ignores SIGHUP the pane would ignore kill-server's hang-up, and
    /// the server would linger until its command ended.
    public func kill() {
        if let pid = try? panePID() { _ = Glibc.kill(-pid, SIGKILL) }
        _ = try? tmux(["kill-server"])
    }

    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        let result = try Subprocess.run("/usr/bin/env", ["tmux", "-u", "-L", socket] + arguments)
        guard result.status == 0 else { throw TestFailure("tmux \(arguments.first ?? ""): \(result.stderr)") }
        return result.stdout
    }

    /// Single-quotes `text` for a shell command line.
    public static func quote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
