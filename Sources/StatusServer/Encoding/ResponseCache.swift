import NIOCore
import Synchronization

/// Encoded bodies keyed by a request variant, valid for one snapshot and allow-list version. The body of
/// `/containers` changes only when the store does, so it is encoded once per version and every
/// request in between is served the same bytes.
final class ResponseCache<Variant: Hashable & Sendable>: Sendable {
    /// What the body was made from: the store's and the allow-list's versions.
    struct Stamp: Equatable, Sendable {
        var snapshot: UInt64
        var policy: UInt64
    }

    private let entries = Mutex<[Variant: (stamp: Stamp, body: ByteBuffer)]>([:])

    func body(for variant: Variant, stamp: Stamp, encode: () -> ByteBuffer) -> ByteBuffer {
        if let hit = entries.withLock({ $0[variant] }), hit.stamp == stamp {
            return hit.body
        }
        // Encoded outside the lock: concurrent misses may both encode, which is harmless.
        let body = encode()
        entries.withLock { entries in
            let newer =
                entries[variant].map { $0.stamp.snapshot <= stamp.snapshot && $0.stamp.policy <= stamp.policy } ?? true
            if newer { entries[variant] = (stamp, body) }
        }
        return body
    }
}
