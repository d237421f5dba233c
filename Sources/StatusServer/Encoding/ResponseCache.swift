import NIOCore
import Synchronization

/// Encoded bodies keyed by a request variant, valid for one snapshot version. The body of
/// `/containers` changes only when the store does, so it is encoded once per version and every
/// request in between is served the same bytes.
final class ResponseCache<Variant: Hashable & Sendable>: Sendable {
    private let entries = Mutex<[Variant: (version: UInt64, body: ByteBuffer)]>([:])

    func body(for variant: Variant, version: UInt64, encode: () -> ByteBuffer) -> ByteBuffer {
        if let hit = entries.withLock({ $0[variant] }), hit.version == version {
            return hit.body
        }
        // Encoded outside the lock: concurrent misses may both encode, which is harmless.
        let body = encode()
        entries.withLock { entries in
            if (entries[variant]?.version ?? 0) <= version { entries[variant] = (version, body) }
        }
        return body
    }
}
