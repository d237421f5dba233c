#if canImport(Glibc)
import Glibc
#endif

/// systemd's socket activation (`sd_listen_fds`): a listening socket passed as descriptor 3 when
/// `LISTEN_PID` names this process. The socket outlives the process, so while dockerguard restarts
/// the engine's calls wait in its queue instead of failing.
public enum SocketActivation {
    public static let firstDescriptor: CInt = 3

    /// The inherited descriptor, or nil when this process was not socket-activated.
    public static func inheritedSocket(
        environment: [String: String], processID: Int32 = getpid()
    ) -> CInt? {
        guard let pid = environment["LISTEN_PID"].flatMap(Int32.init), pid == processID,
            let count = environment["LISTEN_FDS"].flatMap(Int.init), count >= 1
        else { return nil }
        let descriptor = firstDescriptor
        // Not handed on to anything this process runs (ssh to a remote engine, say).
        _ = fcntl(descriptor, F_SETFD, fcntl(descriptor, F_GETFD) | FD_CLOEXEC)
        return descriptor
    }
}
