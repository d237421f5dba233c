import Dispatch
import Glibc

/// Gives the memory malloc keeps free back to the system (glibc's `malloc_trim`), after the work
/// that leaves the most of it behind: a full resync decodes every container's inspect, 32 at a
/// time on several threads, and each thread's arena keeps its freed pages. At 1,000 containers
/// that was 14–18 MiB of a 59 MiB RSS (BENCHMARKS.md, scale).
///
/// It runs on a utility queue, never on the guard's loop: trimming takes the arenas' locks for a
/// few milliseconds. Where the C library has no `malloc_trim` (musl), it does nothing.
public enum MemoryTrim {
    private typealias Trim = @convention(c) (Int) -> Int32

    /// `malloc_trim`, looked up once; `Glibc` does not import `<malloc.h>`.
    private static let trim: Trim? = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim").map {
        unsafeBitCast($0, to: Trim.self)
    }

    /// Whether this C library can trim.
    public static var isAvailable: Bool { trim != nil }

    /// Trims in the background, `seconds` from now, and returns at once.
    public static func releaseFreeMemory(afterSeconds seconds: Double = 0) {
        guard let trim else { return }
        DispatchQueue.global(qos: .utility).asyncAfter(deadline: .now() + seconds) { _ = trim(0) }
    }
}
