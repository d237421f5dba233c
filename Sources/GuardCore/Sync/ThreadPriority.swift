#if canImport(Glibc)
import Glibc
#endif

/// The guard's own thread asks the kernel for a higher priority: on a busy host (an API under
/// load, say) its wake-ups on an engine event must not wait behind that work. Without the
/// privilege (CAP_SYS_NICE) the request fails and the thread keeps the normal priority.
public enum ThreadPriority {
    /// Lowers the calling thread's nice value to `nice`; returns whether the kernel agreed.
    @discardableResult
    public static func raiseCurrentThread(to nice: Int32 = -10) -> Bool {
        #if os(Linux)
        guard let tid = currentThreadID() else { return false }
        return setpriority(__priority_which_t(PRIO_PROCESS.rawValue), id_t(tid), nice) == 0
        #else
        return false
        #endif
    }

    /// The kernel's ID of the calling thread, from `/proc/thread-self` → `<pid>/task/<tid>`
    /// (glibc's `gettid` is not visible to Swift).
    static func currentThreadID() -> Int32? {
        var buffer = [CChar](repeating: 0, count: 64)
        let count = readlink("/proc/thread-self", &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        let target = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return target.split(separator: "/").last.flatMap { Int32($0) }
    }
}
