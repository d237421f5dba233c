import GuardCore
import NIOCore
import Synchronization

/// `/containers`' body, assembled from each container's entry as encoded when it last changed.
///
/// A change brings a new snapshot, and every request after it needs a new body; encoding all of
/// them again (judging each container and running JSONEncoder over some 600 bytes each) took
/// 27 ms at 1,000 containers, so under churn most requests waited for an encoding (BENCHMARKS.md,
/// scale). An entry is kept while its record, the allow-list's version and its image's known names
/// are the same: one change re-encodes one entry, and the body is the entries joined. The bytes
/// are those JSONEncoder makes of the whole body (sorted keys), which a test checks.
final class ContainersBody: Sendable {
    private struct Entry: Sendable {
        var record: ContainerRecord
        var listVersion: UInt64?
        var imageNames: [String]
        /// The decision's verdict (nil with no list in force), for `violating=true`.
        var isAllowed: Bool?
        var bytes: ByteBuffer
    }

    private let entries = Mutex<[String: Entry]>([:])

    /// The body for `snapshot`, with every running container (or every one, `all`), or only the
    /// ones the list does not allow (`violating`).
    func encode(
        _ snapshot: ContainerSnapshot, all: Bool, violating: Bool, policy: PolicyState.Current?, aliases: ImageAliases
    ) -> ByteBuffer {
        let encoder = JSONBody.makeEncoder()
        let list = policy?.allowList
        let listVersion = list == nil ? nil : policy?.listVersion
        // Worked on outside the lock; a concurrent encoding's entries are as good as these.
        var cache = entries.withLock { $0 }
        var parts: [ByteBuffer] = []
        var size = 0
        for record in snapshot.containers where all || record.isRunning {
            let names = aliases.cached(record.imageID) ?? []
            let entry: Entry
            if let kept = cache[record.id], kept.record == record, kept.listVersion == listVersion,
                kept.imageNames == names
            {
                entry = kept
            } else {
                let decision = list.map {
                    Decision.judge(record, list: $0, aliases: aliases, selfID: nil, cause: .resync)
                }
                entry = Entry(
                    record: record, listVersion: listVersion, imageNames: names, isAllowed: decision?.isAllowed,
                    bytes: JSONBody.encode(ContainerItem(record: record, decision: decision), with: encoder))
                cache[record.id] = entry
            }
            if violating, entry.isAllowed != false { continue }
            parts.append(entry.bytes)
            size += entry.bytes.readableBytes + 1
        }
        if cache.count > snapshot.containers.count * 2 + 64 {
            let present = Set(snapshot.containers.lazy.map(\.id))
            cache = cache.filter { present.contains($0.key) }
        }
        entries.withLock { $0 = cache }

        var engine = JSONBody.encode(EngineBody(status: snapshot.engine), with: encoder)
        var body = ByteBuffer()
        body.reserveCapacity(size + engine.readableBytes + 48)
        // Sorted keys, as JSONEncoder writes them: count, data, engine.
        body.writeString(#"{"count":\#(parts.count),"data":["#)
        for (index, part) in parts.enumerated() {
            if index > 0 { body.writeInteger(UInt8(ascii: ",")) }
            body.writeImmutableBuffer(part)
        }
        body.writeString(#"],"engine":"#)
        body.writeBuffer(&engine)
        body.writeString("}")
        return body
    }
}
