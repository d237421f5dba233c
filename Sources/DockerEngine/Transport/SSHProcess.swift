import Foundation
import Glibc
import NIOConcurrencyHelpers

/// One `ssh … docker system dial-stdio` (as the docker CLI's connhelper runs it): its standard input
/// and output are one end of a socket pair, the other end is the client's connection. Its standard
/// error is kept, so that a failure reads as ssh's own words ("Host key verification failed.").
final class SSHProcess: Sendable {
    let pid: pid_t
    /// Our end of the socket pair; the channel made from it owns it.
    let socket: CInt
    private let outcome = NIOLockedValueBox<Outcome>(.running([:]))
    private let waiterIDs = NIOLockedValueBox(0)

    private enum Outcome {
        /// Who waits for the exit, by waiter ID (so that one can stop waiting).
        case running([Int: CheckedContinuation<String?, Never>])
        case exited(String)
    }

    /// Connection multiplexing for every ssh this process starts, in a folder of its own (0700):
    /// new connections to the same host reuse one authenticated link.
    static let controlDirectory: String = SSHControlDirectory.prepare(
        SSHControlDirectory.path(
            runtimeDirectory: ProcessInfo.processInfo.environment["XDG_RUNTIME_DIR"], uid: getuid()))

    static func options() -> [String] {
        [
            "-o", "ControlMaster=auto", "-o", "ControlPath=\(controlDirectory)/%C", "-o", "ControlPersist=30",
            "-o", "ServerAliveInterval=15",
        ]
    }

    private init(pid: pid_t, socket: CInt, stderr: CInt) {
        self.pid = pid
        self.socket = socket
        // Waiting for the exit blocks a thread: a plain one, never the cooperative pool.
        let thread = Thread { [outcome] in
            var status: CInt = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            // What ssh wrote is in the pipe now; a background master may hold the pipe open, so
            // read what is there and stop.
            _ = fcntl(stderr, F_SETFL, fcntl(stderr, F_GETFL) | O_NONBLOCK)
            let text = Self.drain(stderr)
            close(stderr)
            let exitText = Self.failureLine(text, status: status)
            let waiters: [CheckedContinuation<String?, Never>] = outcome.withLockedValue { state in
                guard case .running(let waiters) = state else { return [] }
                state = .exited(exitText)
                return Array(waiters.values)
            }
            for waiter in waiters { waiter.resume(returning: exitText) }
        }
        thread.start()
    }

    /// Starts `ssh` for `destination`; the returned socket is connected to its standard input and
    /// output. `program` is found in `PATH` (a test runs a stand-in).
    static func spawn(_ destination: SSHDestination, program: String = "ssh") throws(EngineError) -> SSHProcess {
        var pair: [CInt] = [-1, -1]
        guard socketpair(AF_UNIX, CInt(SOCK_STREAM.rawValue) | CInt(SOCK_CLOEXEC.rawValue), 0, &pair) == 0 else {
            throw .unreachable(endpoint: destination.description, reason: "socketpair: \(errnoText())")
        }
        var errPipe: [CInt] = [-1, -1]
        guard pipe(&errPipe) == 0, fcntl(errPipe[0], F_SETFD, FD_CLOEXEC) == 0,
            fcntl(errPipe[1], F_SETFD, FD_CLOEXEC) == 0
        else {
            close(pair[0])
            close(pair[1])
            throw .unreachable(endpoint: destination.description, reason: "pipe: \(errnoText())")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pair[1], 0)
        posix_spawn_file_actions_adddup2(&actions, pair[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        // ssh's background master outlives the request: it must hold none of the guard's descriptors
        // (a listening socket, an inherited plugin socket, a caller's pipe).
        for fd in openDescriptors() where fd > 2 && fd != pair[1] && fd != errPipe[1] {
            posix_spawn_file_actions_addclose(&actions, fd)
        }
        // The guard ignores and blocks signals for its own handlers; ssh must get the defaults back.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGTERM, SIGINT, SIGHUP, SIGPIPE, SIGQUIT] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let arguments = [program] + destination.sshArguments(options: options())
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let status = posix_spawnp(&pid, program, &actions, &attributes, &argv, environ)
        close(pair[1])
        close(errPipe[1])
        guard status == 0 else {
            close(pair[0])
            close(errPipe[0])
            throw .unreachable(
                endpoint: destination.description, reason: "cannot run ssh: \(String(cString: strerror(status)))")
        }
        return SSHProcess(pid: pid, socket: pair[0], stderr: errPipe[0])
    }

    /// ssh's own account of why it ended, once it has (nil when it still runs after `seconds`, or
    /// when the caller is cancelled). Bounded whatever ssh does: a session to a hung engine never
    /// ends, and the caller (a failed request, a client shutting down) must not wait for it.
    func failure(within seconds: Double = 5) async -> String? {
        let id = waiterIDs.withLockedValue { next in
            defer { next += 1 }
            return next
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let done: String?? = outcome.withLockedValue { state in
                    switch state {
                    case .running(var waiters):
                        waiters[id] = continuation
                        state = .running(waiters)
                        return .none
                    case .exited(let text): return .some(text)
                    }
                }
                if case .some(let text) = done { return continuation.resume(returning: text) }
                if Task.isCancelled { return giveUp(id) }
                Task { [self] in
                    try? await Task.sleep(for: .seconds(seconds))
                    giveUp(id)
                }
            }
        } onCancel: {
            giveUp(id)
        }
    }

    /// Answers waiter `id` with nil if it still waits.
    private func giveUp(_ id: Int) {
        let waiter: CheckedContinuation<String?, Never>? = outcome.withLockedValue { state in
            guard case .running(var waiters) = state, let waiter = waiters.removeValue(forKey: id) else { return nil }
            state = .running(waiters)
            return waiter
        }
        waiter?.resume(returning: nil)
    }

    private static func drain(_ fd: CInt) -> String {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while bytes.count < 65536 {
            let count = read(fd, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            bytes += buffer[0..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The last line ssh wrote (its verdict: "Host key verification failed.", "Permission denied
    /// (publickey)."), or the exit status.
    static func failureLine(_ text: String, status: CInt) -> String {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.allSatisfy { $0 == "@" } }
        if let last = lines.last { return "ssh: \(last)" }
        let code = (status >> 8) & 0xff
        return code == 0 ? "ssh ended" : "ssh exited with status \(code)"
    }

    /// The descriptors open in this process now (glibc's closefrom action is not importable).
    private static func openDescriptors() -> [CInt] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        return names.compactMap { CInt($0) }.filter { fcntl($0, F_GETFD) != -1 }
    }

    private static func errnoText() -> String { String(cString: strerror(errno)) }
}
