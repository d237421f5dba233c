import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A detached tmux server of its own running one command in a window of a given size: tests type
/// with `send-keys` and read the screen with `capture-pane -p`, as an operator would see it.
///
/// Each call runs the `tmux` client, a process: from async code the overloads that await run it off
/// the cooperative pool (``offPool(_:)``); the blocking ones are unavailable there.
public final class TmuxSession: Sendable {
    /// The tmux server's socket name (`tmux -L`), unique per session.
    public let socket: String

    /// Starts `command` (a shell command line) in a `width`×`height` window, UTF-8 enabled.
    @available(*, noasync, message: "runs tmux: use TmuxSession.start(command:width:height:)")
    public init(command: String, width: Int, height: Int) throws {
        socket = "dgtest-\(UUID().uuidString.prefix(8))"
        try tmux(["-f", "/dev/null", "new-session", "-d", "-s", "main", "-x", "\(width)", "-y", "\(height)", command])
    }

    public static func start(command: String, width: Int, height: Int) async throws -> TmuxSession {
        try await offPool { try TmuxSession(command: command, width: width, height: height) }
    }

    /// Types keys: tmux key names (`Enter`, `Escape`, `Up`, `C-c`) or literal text with `literal`.
    public func send(_ keys: String..., literal: Bool = false) async throws {
        try await offPool { try self.send(keys, literal: literal) }
    }

    @available(*, noasync, message: "runs tmux: use the async overload")
    public func send(_ keys: [String], literal: Bool = false) throws {
        try tmux(["send-keys", "-t", "main"] + (literal ? ["-l"] : []) + keys)
    }

    /// The screen as text, one line per row.
    public func capture() async -> String {
        (try? await offPool { self.capture() }) ?? ""
    }

    @available(*, noasync, message: "runs tmux: use the async overload")
    public func capture() -> String {
        (try? tmux(["capture-pane", "-p", "-t", "main"])) ?? ""
    }

    public func resize(width: Int, height: Int) async throws {
        try await offPool { try self.tmux(["resize-window", "-t", "main", "-x", "\(width)", "-y", "\(height)"]) }
    }

    /// The process running in the pane.
    public func panePID() async throws -> Int32 {
        try await offPool { try self.panePID() }
    }

    @available(*, noasync, message: "runs tmux: use the async overload")
    public func panePID() throws -> Int32 {
        guard
            let pid = Int32(
                try tmux(["display-message", "-p", "-t", "main", "#{pane_pid}"]).trimmingCharacters(
                    in: .whitespacesAndNewlines))
        else { throw TestFailure("no pane pid") }
        return pid
    }

    /// Ends the tmux server and everything in it, in the background (``BackgroundCleanup``), so that
    /// it can run from a `defer` in async code. The pane's process group is killed first: under a
    /// test runner that ignores SIGHUP the pane would ignore kill-server's hang-up, and the server
    /// would linger until its command ended.
    public func kill() {
        BackgroundCleanup.run { self.killAndWait() }
    }

    @available(*, noasync, message: "runs tmux: use kill()")
    public func killAndWait() {
        if let pid = try? panePID() { _ = Glibc.kill(-pid, SIGKILL) }
        _ = try? tmux(["kill-server"])
    }

    @available(*, noasync, message: "runs tmux: use an async method")
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
