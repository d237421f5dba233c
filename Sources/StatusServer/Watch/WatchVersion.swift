import GuardCore

/// Where the API's view of the containers stands: the store's version and the allow-list's, under
/// this process. It is `/containers`' `ETag` and each watch event's `id`, so a client resumes from
/// the last one it saw. The process tag makes a version from an earlier run of the guard (whose
/// counters started again at 0) unknown instead of wrongly "recent".
struct WatchVersion: Hashable, Sendable, Comparable, CustomStringConvertible {
    var store: UInt64
    var policy: UInt64
    var process: String = WatchVersion.processTag

    init(store: UInt64, policy: UInt64) {
        self.store = store
        self.policy = policy
    }

    init(_ snapshot: ContainerSnapshot, _ policy: PolicyState.Current?) {
        self.init(store: snapshot.version, policy: policy?.version ?? 0)
    }

    /// Fixed for the life of the process.
    static let processTag = String(UInt32.random(in: 0x1000_0000...UInt32.max), radix: 16)

    var description: String { "\(process)-\(store)-\(policy)" }

    /// Reads `tag-store-policy`, bare (an event's id) or quoted (an ETag, copied as sent); nil for
    /// anything else.
    init?(parsing text: Substring) {
        var text = text
        if text.count >= 2, text.first == "\"", text.last == "\"" { text = text.dropFirst().dropLast() }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, let store = UInt64(parts[1]), let policy = UInt64(parts[2]) else {
            return nil
        }
        self.init(store: store, policy: policy)
        process = String(parts[0])
    }

    /// Both counters only grow, so one version is before another when neither counter is after.
    static func < (lhs: WatchVersion, rhs: WatchVersion) -> Bool {
        lhs != rhs && lhs.store <= rhs.store && lhs.policy <= rhs.policy
    }

    /// `"tag-store-policy"`, quoted as an `ETag` is.
    var etag: String { "\"\(description)\"" }

    /// Whether an `If-None-Match` header names this version (a list, `*`, weak or strong; a tag
    /// copied without its quotes too, as people often do).
    func matches(ifNoneMatch header: String) -> Bool {
        header.split(separator: ",").contains { item in
            var tag = Substring(String(item).trimmingWhitespace())
            if tag == "*" { return true }
            if tag.hasPrefix("W/") { tag = tag.dropFirst(2) }
            return tag == etag || tag == description
        }
    }
}
