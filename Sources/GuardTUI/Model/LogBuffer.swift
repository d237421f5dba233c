import GuardCore

/// The lines of a container's output the logs view keeps: the newest `capacity`, in a ring, so
/// an hour of a fast writer costs the same memory as a minute of it. Lines are numbered from the
/// first ever received; the older ones dropped are counted so the view can say so.
public struct LogBuffer: Sendable, Equatable {
    public let capacity: Int
    private var storage: [LogEntry] = []
    /// Where the oldest kept line is in `storage`, once it is full.
    private var head = 0
    /// Lines dropped to make room: the first kept line's number.
    public private(set) var dropped = 0

    public init(capacity: Int = 10_000) {
        self.capacity = max(capacity, 1)
        storage.reserveCapacity(min(self.capacity, 1024))
    }

    public var count: Int { storage.count }
    /// The number of the first kept line.
    public var first: Int { dropped }
    /// One past the newest line's number.
    public var end: Int { dropped + storage.count }
    public var isEmpty: Bool { storage.isEmpty }

    /// The line numbered `number` (between `first` and `end`).
    public subscript(number: Int) -> LogEntry {
        storage[(head + number - dropped) % storage.count]
    }

    /// `skippedBefore`: lines that came before `entries` and were never appended (a reader that
    /// fell behind lost them). Everything kept so far is older than that gap, so it goes too and
    /// counts as dropped: the buffer stays a run of consecutive lines.
    public mutating func append(contentsOf entries: some Collection<LogEntry>, skippedBefore: Int = 0) {
        if skippedBefore > 0 {
            dropped += storage.count + skippedBefore
            storage.removeAll(keepingCapacity: true)
            head = 0
        }
        // A batch larger than the buffer: only its newest lines can stay.
        let skip = max(entries.count - capacity, 0)
        dropped += skip
        for entry in entries.dropFirst(skip) {
            if storage.count < capacity {
                storage.append(entry)
            } else {
                storage[head] = entry
                head = (head + 1) % capacity
                dropped += 1
            }
        }
    }

    /// The nearest line at or before `from` (going back, `older`) or after it whose text contains
    /// `needle`, case-insensitively.
    public func search(_ needle: String, from: Int, older: Bool) -> Int? {
        guard !needle.isEmpty, !isEmpty else { return nil }
        let lowered = needle.lowercased()
        if older {
            var number = min(from, end - 1)
            while number >= first {
                if self[number].text.lowercased().contains(lowered) { return number }
                number -= 1
            }
        } else {
            var number = max(from, first)
            while number < end {
                if self[number].text.lowercased().contains(lowered) { return number }
                number += 1
            }
        }
        return nil
    }
}
