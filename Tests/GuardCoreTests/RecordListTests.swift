import GuardCore
import Testing

/// The snapshot's chunked list behaves as an array would, and a change to one copy leaves the
/// other (an older snapshot a reader still holds) as it was.
@Suite("RecordList, the snapshot's shared chunks")
struct RecordListTests {
    static func record(_ number: UInt64) -> ContainerRecord {
        ContainerRecord(
            id: String(number, radix: 16), name: "/c\(number)", imageRef: "busybox:local", imageID: "sha256:0",
            state: "running", createdAt: "2026-12-07T00:00:00Z")
    }

    @Test("5,000 random inserts, removals and replacements read back as the same array would")
    func matchesArray() {
        var list: RecordList = []
        var array: [ContainerRecord] = []
        var generator = SplitMix(seed: 7)
        for step in 0..<5000 {
            let choice = generator.next() % 10
            if choice < 6 || array.isEmpty {
                // Mostly inserts, so the list grows past many chunk splits.
                let position = Int(generator.next() % UInt64(array.count + 1))
                let record = Self.record(UInt64(step))
                list.insert(record, at: position)
                array.insert(record, at: position)
            } else if choice < 8 {
                let position = Int(generator.next() % UInt64(array.count))
                #expect(list.remove(at: position) == array.remove(at: position))
            } else {
                let position = Int(generator.next() % UInt64(array.count))
                list[position] = Self.record(UInt64(100_000 + step))
                array[position] = Self.record(UInt64(100_000 + step))
            }
            if step % 250 == 0 {
                #expect(list.count == array.count)
                #expect(Array(list) == array, "iteration at step \(step)")
                #expect(list.indices.allSatisfy { list[$0] == array[$0] }, "subscript at step \(step)")
            }
        }
        #expect(array.count > 1000)
        #expect(Array(list) == array)
        #expect(list == RecordList(array), "equal whatever the chunking")
        #expect(list.hashValue == RecordList(array).hashValue)
    }

    @Test("a copy keeps its records when the original changes")
    func valueSemantics() {
        var list = RecordList((0..<1000).map { Self.record($0) })
        let older = list
        list.remove(at: 10)
        list.insert(Self.record(5000), at: 500)
        list[900] = Self.record(6000)
        #expect(Array(older) == (0..<1000).map { Self.record($0) })
        #expect(list.count == 1000)
        #expect(list[500] == Self.record(5000))
    }
}
