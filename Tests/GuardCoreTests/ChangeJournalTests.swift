import GuardCore
import Testing

/// The store's change journal (issue 16): a reader that follows only the changes it names must end
/// up with what a full compare of the snapshot gives, whatever the changes and however far behind.
@Suite("The store's change journal")
struct ChangeJournalTests {
    /// A reader's view of the table, kept from the journal when it can and in full when it cannot.
    struct Reader {
        var version: UInt64 = 0
        var view: [String: ContainerRecord] = [:]
        var fullCompares = 0

        mutating func follow(_ snapshot: ContainerSnapshot) {
            if let changes = snapshot.journal.changes(since: version) {
                for change in changes { view[change.id] = change.record }
            } else {
                view = Dictionary(uniqueKeysWithValues: snapshot.containers.map { ($0.id, $0) })
                fullCompares += 1
            }
            version = snapshot.version
        }
    }

    @Test("readers 1 to 200 steps behind, after 3,000 random changes, see what a full compare sees")
    func journalEqualsFullCompare() async {
        let store = ContainerStore(endpoint: "unix:///test.sock")
        await store.replaceAll(with: [], at: 0)
        var generator = SplitMix(seed: 64)
        // Reader k looks every k-th step: 64 steps make at most 64 changes, 200 always more.
        var readers = [1, 7, 40, 63, 64, 200].map { ($0, Reader()) }
        for step in 1...3000 {
            let id = String(repeating: "c", count: 62) + String(Int(generator.next() % 150), radix: 16)
            switch generator.next() % 5 {
            case 0: await store.remove(id: id)
            case 1: await store.setConnection(step % 2 == 0 ? .connected : .reconnecting(error: "x"))
            default:
                await store.upsert(
                    ContainerRecord(
                        id: id, name: "/n\(generator.next() % 40)", imageRef: "busybox:local", imageID: "sha256:0",
                        state: generator.next() % 2 == 0 ? "running" : "exited", createdAt: "2026-12-02T00:00:00Z",
                        labels: ["step": "\(step)"]))
            }
            let snapshot = store.current
            for index in readers.indices where step % readers[index].0 == 0 {
                readers[index].1.follow(snapshot)
                let full = Dictionary(uniqueKeysWithValues: snapshot.containers.map { ($0.id, $0) })
                #expect(readers[index].1.view == full, "reader every \(readers[index].0), step \(step)")
            }
        }
        let fallbacks = Dictionary(uniqueKeysWithValues: readers.map { ($0.0, $0.1.fullCompares) })
        // The first look is a full one (the journal starts at the replace); within 64 versions
        // every later look is answered by the journal, beyond it none is.
        #expect(fallbacks[1] == 1 && fallbacks[7] == 1 && fallbacks[40] == 1 && fallbacks[63] == 1)
        #expect(fallbacks[64] == 1)
        #expect(fallbacks[200] == 3000 / 200)
    }

    @Test("a full replace, or a reader too far behind, gets no answer; an unknown journal never answers")
    func fallsBack() async {
        let store = ContainerStore(endpoint: "x")
        await store.upsert(Fixtures.record("a"))
        let before = store.current.version
        #expect(store.current.journal.changes(since: before - 1)?.map(\.id) == [Fixtures.record("a").id])
        #expect(store.current.journal.changes(since: before)?.isEmpty == true)
        await store.replaceAll(with: [Fixtures.record("b")], at: 1)
        #expect(store.current.journal.changes(since: before) == nil)
        #expect(ChangeJournal.unknown.changes(since: 5) == nil)
    }

    @Test("a resync's inspect older than an event's change is not written; what it did not list is gone")
    func syncNeverOverwritesEvents() async {
        let store = ContainerStore(endpoint: "x")
        let web = Fixtures.record("web")
        let old = Fixtures.record("old")
        await store.replaceAll(with: [web, old], at: 1)
        let listedAt = store.current.version
        // After the list: web dies (an event), a new container appears (its own inspect).
        #expect(await store.apply(Fixtures.event("die", id: web.id)) == .changed)
        let new = Fixtures.record("new")
        await store.upsert(new)
        // The resync's inspects, sent before the die, come back saying running.
        await store.syncUpsert(web, unchangedSince: listedAt)
        await store.finishSync(listed: [web.id], since: listedAt, at: 2)
        let byID = Dictionary(uniqueKeysWithValues: store.current.containers.map { ($0.id, $0) })
        #expect(byID[web.id]?.state == "exited")
        #expect(byID[new.id] != nil, "created after the list: kept")
        #expect(byID[old.id] == nil, "not listed: gone")
        #expect(store.current.journal.changes(since: listedAt)?.map(\.id) == [web.id, new.id, old.id])
    }

    @Test("a resync that finds nothing new publishes nothing: the version (the ETag) stays")
    func quietResyncKeepsVersion() async {
        let store = ContainerStore(endpoint: "x")
        let web = Fixtures.record("web")
        let old = Fixtures.record("old")
        await store.syncUpsert(web, unchangedSince: 0)
        await store.syncUpsert(old, unchangedSince: 0)
        let beforeFirst = store.current.version
        await store.finishSync(listed: [web.id, old.id], since: 0, at: 1)
        #expect(store.current.version == beforeFirst + 1, "the first sync publishes: the store becomes synced")
        #expect(store.current.isSynced)

        let synced = store.current.version
        await store.syncUpsert(web, unchangedSince: synced)
        await store.finishSync(listed: [web.id, old.id], since: synced, at: 61)
        #expect(store.current.version == synced, "same containers, same records: no new version")
        #expect(await store.finishedSyncs == 2)

        await store.finishSync(listed: [web.id], since: synced, at: 121)
        #expect(store.current.version == synced + 1, "a container gone publishes")
        #expect(store.current.lastSyncAt == 121)
        #expect(store.current.journal.changes(since: synced)?.map(\.id) == [old.id])
    }
}
