import Glibc

/// Per-thread scheduling priority (Linux nice values). The HTTP API's threads yield to the engine
/// and to the guard's own thread when the CPU is contended: a status API under load must not
/// delay enforcement, which waits on the engine. Raising a thread's nice value needs no privilege.
public enum ThreadPriority {
    /// Sets the calling thread's nice value; returns whether the kernel agreed.
    @discardableResult
    public static func setCurrentThread(nice: Int32) -> Bool {
        guard let tid = currentThreadID() else { return false }
        return setpriority(__priority_which_t(PRIO_PROCESS.rawValue), id_t(tid), nice) == 0
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
