import Glibc

/// The system's wall clock (`CLOCK_REALTIME`), the clock the engine stamps its events with: event
/// resume points and the times the guard records are read from it. It can jump, so it never
/// measures a duration (`ContinuousClock` does).
public enum WallClock {
    /// Nanoseconds since the Unix epoch.
    public static func nanoseconds() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec)
    }

    /// Seconds since the Unix epoch.
    public static func seconds() -> Double {
        Double(nanoseconds()) / 1e9
    }
}
