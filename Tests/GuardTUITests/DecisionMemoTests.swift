import GuardCore
import Testing

@testable import GuardTUI

/// The dashboard's table keeps each container's decision while nothing it depends on changes.
@Suite("decision memo: a table built after one change judges the one container it changed")
struct DecisionMemoTests {
    @Test("the same table as judging everything, judging each container once")
    func sameTable() {
        let data = DashboardFixtures.data()
        let builder = RowBuilder(showStopped: true)
        let memo = DecisionMemo()
        let judgedAll = builder.table(data)
        #expect(builder.table(data, memo: memo) == judgedAll)
        #expect(memo.judged == DashboardFixtures.containers.count)
        #expect(builder.table(data, memo: memo) == judgedAll)
        #expect(memo.judged == DashboardFixtures.containers.count, "nothing changed: nothing judged again")
    }

    @Test("a changed container is judged again, and only it")
    func changedContainer() {
        var data = DashboardFixtures.data()
        let builder = RowBuilder(showStopped: true)
        let memo = DecisionMemo()
        _ = builder.table(data, memo: memo)
        // The miner renamed into what the list allows: its verdict must follow.
        var containers = data.snapshot.containers
        let miner = try! #require(containers.firstIndex { $0.name == "/miner" })
        containers[miner].name = "/web-miner"
        data.snapshot = ContainerSnapshot(
            version: data.snapshot.version + 1, containers: containers, engine: data.snapshot.engine, isSynced: true,
            lastSyncAt: data.snapshot.lastSyncAt)
        let table = builder.table(data, memo: memo)
        #expect(memo.judged == DashboardFixtures.containers.count + 1)
        #expect(table == builder.table(data))
        #expect(table.rows.first { $0.record.name == "/web-miner" }?.verdict.isAllowed == true)
    }

    @Test("a new allow-list judges everything again")
    func newList() throws {
        var data = DashboardFixtures.data()
        let builder = RowBuilder(showStopped: true)
        let memo = DecisionMemo()
        _ = builder.table(data, memo: memo)
        data.policy.allowList = try AllowList.parse("name=*\n", path: DashboardFixtures.path).get()
        data.policy.version += 1
        let table = builder.table(data, memo: memo)
        #expect(memo.judged == 2 * DashboardFixtures.containers.count)
        #expect(table.rows.allSatisfy { $0.verdict.isAllowed }, "\(table.rows.map(\.verdict))")
    }
}
