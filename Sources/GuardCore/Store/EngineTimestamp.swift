import Glibc

/// The engine's RFC 3339 timestamps (`2026-11-25T23:16:47.123456789Z`), which carry nanoseconds
/// that Foundation's ISO 8601 parsers do not all accept.
public enum EngineTimestamp {
    /// The engine writes the zero time for "never" (a container never started or never finished).
    public static func isZero(_ value: String) -> Bool {
        value.hasPrefix("0001-01-01")
    }

    /// The current time, formatted the way the engine does.
    public static func now() -> String {
        format(nanos: WallClock.nanoseconds())
    }

    /// Formats nanoseconds since the epoch the way the engine does, in UTC.
    public static func format(nanos: Int64) -> String {
        var seconds = time_t(nanos / 1_000_000_000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let fraction = String(nanos % 1_000_000_000)
        let padded = String(repeating: "0", count: 9 - fraction.count) + fraction
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T"
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)).\(padded)Z"
    }

    /// Seconds since the epoch (with the fraction), or nil when `value` is not an RFC 3339 time.
    public static func secondsSinceEpoch(_ value: String) -> Double? {
        let bytes = Array(value.utf8)
        guard bytes.count >= 20, bytes[4] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: "T") else { return nil }
        func number(_ range: Range<Int>) -> Int32? {
            var result: Int32 = 0
            for byte in bytes[range] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                result = result * 10 + Int32(byte - UInt8(ascii: "0"))
            }
            return result
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19)
        else { return nil }
        var parts = tm()
        parts.tm_year = year - 1900
        parts.tm_mon = month - 1
        parts.tm_mday = day
        parts.tm_hour = hour
        parts.tm_min = minute
        parts.tm_sec = second
        var result = Double(timegm(&parts))
        var index = 19
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            var scale = 0.1
            while index < bytes.count, let digit = number(index..<index + 1) {
                result += Double(digit) * scale
                scale /= 10
                index += 1
            }
        }
        // A numeric offset (+01:00) moves the instant; `Z` does not.
        if index + 6 <= bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-"),
            let offsetHours = number(index + 1..<index + 3), let offsetMinutes = number(index + 4..<index + 6)
        {
            let offset = Double(offsetHours * 3600 + offsetMinutes * 60)
            result += bytes[index] == UInt8(ascii: "+") ? -offset : offset
        }
        return result
    }
}
