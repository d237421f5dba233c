import GuardCore
import Testing

/// The store keeps its snapshot's order one change at a time (issue 16): it must be the order a
/// full sort gives, after any mix of inserts, renames, updates and removals.
@Suite("The snapshot's order, kept incrementally")
struct SortedSnapshotTests {
    @Test("after 2,000 random upserts, renames and removals the snapshot equals a full sort")
    func incrementalOrderMatchesSort() async {
        let store = ContainerStore(endpoint: "unix:///test.sock")
        var reference = ContainerTable()
        await store.replaceAll(with: [], at: 0)
        var generator = SplitMix(seed: 16)
        for step in 0..<2000 {
            let id = String(repeating: "e", count: 62) + String(Int(generator.next() % 200), radix: 16)
            switch generator.next() % 4 {
            case 0:
                await store.remove(id: id)
                reference.remove(id: id)
            default:
                // Few names for many IDs: equal names must be ordered by ID.
                let record = ContainerRecord(
                    id: id, name: "/n\(generator.next() % 30)", imageRef: "busybox:local", imageID: "sha256:0",
                    state: generator.next() % 2 == 0 ? "running" : "exited", createdAt: "2026-12-02T00:00:00Z",
                    labels: ["step": "\(step)"])
                await store.upsert(record)
                _ = reference.upsert(record)
            }
            if step % 100 == 0 { #expect(Array(store.current.containers) == reference.sorted, "at step \(step)") }
        }
        #expect(Array(store.current.containers) == reference.sorted)
    }
}

/// A small deterministic generator, so a failure repeats.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
