/// The records ordered by name, then ID (the snapshot's order), kept in order one change at a
/// time: a binary search and one move per event instead of sorting the whole table for every
/// snapshot (issue 16's per-event cost at thousands of containers), in a list whose chunks the
/// snapshots share.
struct SortedRecords {
    private(set) var records: RecordList = []

    init(_ table: ContainerTable) {
        records = RecordList(table.sorted)
    }

    /// Puts the table's current record for `id` in place of `old` (either may be nil).
    mutating func replace(_ old: ContainerRecord?, with new: ContainerRecord?) {
        if let old, let new, old.name == new.name, let index = position(of: old) {
            records[index] = new
            return
        }
        if let old, let index = position(of: old) { records.remove(at: index) }
        if let new { records.insert(new, at: lowerBound(new.name, new.id)) }
    }

    private func position(of record: ContainerRecord) -> Int? {
        let index = lowerBound(record.name, record.id)
        return index < records.count && records[index].id == record.id ? index : nil
    }

    /// The first index whose (name, id) is not before the one given.
    private func lowerBound(_ name: String, _ id: String) -> Int {
        var low = 0
        var high = records.count
        while low < high {
            let middle = (low + high) / 2
            if (records[middle].name, records[middle].id) < (name, id) { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
