import Foundation
import Glibc

/// `x`: runs `docker exec -it ID sh` on the dashboard's terminal. The UI thread calls it with
/// curses suspended, waits for the shell to end (it is the UI thread's own job, on its own thread,
/// never the cooperative pool's) and then restores the screen.
struct ShellLauncher: Sendable {
    /// The docker CLI found on PATH.
    let docker: String
    /// `-H …` and the TLS flags for the dashboard's endpoint.
    let endpointArguments: [String]
    /// Environment variables left out, so the flags alone choose the engine.
    let cleared: [String]

    /// The docker CLI on `PATH`, or nil: then `x` is not offered.
    static func findDocker(path: String? = ProcessInfo.processInfo.environment["PATH"]) -> String? {
        for directory in (path ?? "").split(separator: ":") where !directory.isEmpty {
            let candidate = "\(directory)/docker"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }

    /// Runs the shell and returns its exit status (or why it could not start).
    func run(id: String, name: String) -> Result<Int32, ShellFailure> {
        let arguments = [docker] + endpointArguments + ["exec", "-it", id, "sh"]
        let environment = ProcessInfo.processInfo.environment.filter { !cleared.contains($0.key) }
            .map { "\($0.key)=\($0.value)" }
        // Straight to the terminal: no stdio buffer to flush before the shell takes it.
        say("dockerguard-tui: a shell in \(name) (exit it to return to the dashboard)")
        // The dashboard traps INT, TERM, HUP and WINCH for itself: the shell gets them back as
        // they are by default, and no signal blocked.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGWINCH, SIGQUIT, SIGPIPE] { sigaddset(&defaults, signal) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        var pid: pid_t = 0
        let status = withCStrings(arguments) { argv in
            withCStrings(environment) { envp in posix_spawn(&pid, docker, nil, &attributes, argv, envp) }
        }
        guard status == 0 else { return .failure(ShellFailure(message: String(cString: strerror(status)))) }
        var exit: Int32 = 0
        while waitpid(pid, &exit, 0) == -1, errno == EINTR {}
        // WIFEXITED/WEXITSTATUS are macros Swift cannot import.
        let code = (exit & 0x7F) == 0 ? (exit >> 8) & 0xFF : 128 + (exit & 0x7F)
        // A failure (no `sh` in the image, the container gone) is said by docker on this screen,
        // which the dashboard would cover at once: it waits for Enter first.
        if code != 0 {
            waitForEnter("dockerguard-tui: the shell ended with status \(code): Enter returns to the dashboard")
        }
        return .success(code)
    }

    private func say(_ line: String) {
        let bytes = Array((line + "\r\n").utf8)
        _ = bytes.withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
    }

    /// Reads the terminal (cooked again, curses being suspended) up to a newline or its end.
    private func waitForEnter(_ prompt: String) {
        say(prompt)
        var byte: UInt8 = 0
        while true {
            let count = read(0, &byte, 1)
            if count < 0, errno == EINTR { continue }
            if count <= 0 || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { return }
        }
    }

    private func withCStrings<R>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> R) -> R {
        let pointers = strings.map { strdup($0) } + [nil]
        defer { for pointer in pointers { free(pointer) } }
        return body(pointers)
    }
}

struct ShellFailure: Error {
    var message: String
}
