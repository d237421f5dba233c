/// A snapshot's containers in the snapshot's order, held in chunks of up to `chunkLimit` records
/// that consecutive snapshots share. A change copies one chunk and the list of chunks (N / 64
/// references), not N records; an old snapshot going away releases as little. With one plain
/// array, every event at 100,000 containers copied and later released 100,000 records (issue 16:
/// the store's per-event cost grew linearly with N).
public struct RecordList: RandomAccessCollection, RangeReplaceableCollection, Sendable, Hashable,
    ExpressibleByArrayLiteral
{
    /// A chunk grown past this is split in two.
    static let chunkLimit = 128

    private var chunks: [[ContainerRecord]]
    /// The index of each chunk's first record.
    private var starts: [Int]
    public private(set) var count: Int

    public init<S: Sequence<ContainerRecord>>(_ records: S) {
        let all = Array(records)
        let half = Self.chunkLimit / 2
        chunks = stride(from: 0, to: all.count, by: half).map { Array(all[$0..<Swift.min($0 + half, all.count)]) }
        count = all.count
        starts = []
        reindex(from: 0)
    }

    public init(arrayLiteral records: ContainerRecord...) { self.init(records) }

    public init() { self.init([]) }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    public subscript(position: Int) -> ContainerRecord {
        get {
            let (chunk, offset) = locate(position)
            return chunks[chunk][offset]
        }
        set {
            let (chunk, offset) = locate(position)
            chunks[chunk][offset] = newValue
        }
    }

    /// Chunk by chunk, without a search per record.
    public func makeIterator() -> FlattenSequence<[[ContainerRecord]]>.Iterator {
        chunks.joined().makeIterator()
    }

    public mutating func insert(_ record: ContainerRecord, at position: Int) {
        precondition(position >= 0 && position <= count, "insert out of range")
        guard !chunks.isEmpty else {
            chunks = [[record]]
            count = 1
            reindex(from: 0)
            return
        }
        // At a chunk's boundary the record joins the chunk before (the last one at the end).
        let (chunk, offset) = position == count ? (chunks.count - 1, chunks[chunks.count - 1].count) : locate(position)
        chunks[chunk].insert(record, at: offset)
        count += 1
        if chunks[chunk].count > Self.chunkLimit {
            let upper = Array(chunks[chunk][(Self.chunkLimit / 2)...])
            chunks[chunk].removeLast(upper.count)
            chunks.insert(upper, at: chunk + 1)
        }
        reindex(from: chunk)
    }

    @discardableResult
    public mutating func remove(at position: Int) -> ContainerRecord {
        let (chunk, offset) = locate(position)
        let removed = chunks[chunk].remove(at: offset)
        count -= 1
        if chunks[chunk].isEmpty { chunks.remove(at: chunk) }
        reindex(from: chunk)
        return removed
    }

    /// Any other change rebuilds the list (the store only inserts, removes and replaces).
    public mutating func replaceSubrange<C: Collection<ContainerRecord>>(_ range: Range<Int>, with records: C) {
        var all = Array(self)
        all.replaceSubrange(range, with: records)
        self = RecordList(all)
    }

    public static func == (lhs: RecordList, rhs: RecordList) -> Bool {
        lhs.count == rhs.count && lhs.elementsEqual(rhs)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for record in self { hasher.combine(record) }
    }

    /// The chunk holding `position`, and where in it.
    private func locate(_ position: Int) -> (chunk: Int, offset: Int) {
        precondition(position >= 0 && position < count, "index out of range")
        var low = 0
        var high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= position { low = middle } else { high = middle - 1 }
        }
        return (low, position - starts[low])
    }

    private mutating func reindex(from chunk: Int) {
        starts.removeSubrange(Swift.min(chunk, starts.count)...)
        var start = chunk == 0 ? 0 : starts[chunk - 1] + chunks[chunk - 1].count
        for index in chunk..<chunks.count {
            starts.append(start)
            start += chunks[index].count
        }
    }
}
