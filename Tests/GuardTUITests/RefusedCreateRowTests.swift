import GuardCore
import Testing

@testable import GuardTUI

/// Creates the authorization plugin refused in confirm mode: a pending row each, which `a` allows.
@Suite("Refused creates in the table")
struct RefusedCreateRowTests {
    static func data(refused names: [String], list: String = MachineFixtures.listText) -> DashboardData {
        var data = MachineFixtures.data()
        data.policy.allowList = try! AllowList.parse(list, path: MachineFixtures.path).get()
        data.refused = names.map { name in
            var refusal = RefusedCreate(
                subject: MatchSubject(id: "", name: name.isEmpty ? "" : "/" + name, imageRef: "busybox:local"),
                message: "dockerguard: no rule allows name=\(name) image=busybox:local", at: data.now - 30)
            refusal.attempts = 2
            return refusal
        }
        return data
    }

    @Test("a refused create is a pending row, counted in the header, with no ID; one the list allows now is allowed")
    func pendingRow() throws {
        let table = RowBuilder().table(Self.data(refused: ["miner2"]))
        let row = try #require(table.rows.first { $0.record.displayName == "miner2" })
        #expect(row.verdict == .pending)
        #expect(row.refusal?.attempts == 2)
        #expect(StatusText.describe(row.record, now: MachineFixtures.data().now) == "Refused 30 seconds ago")
        var expected = RowBuilder().table(MachineFixtures.data()).counts
        expected.pending += 1
        #expect(table.counts == expected)

        let allowedNow = RowBuilder().table(Self.data(refused: ["miner2"], list: "name=miner2\n"))
        let allowedRow = try #require(allowedNow.rows.first { $0.record.displayName == "miner2" })
        #expect(allowedRow.verdict.isAllowed)

        // Out of confirm mode nothing waits for the operator: no row.
        var enforcing = Self.data(refused: ["miner2"])
        enforcing.enforcer.mode = .enforce
        #expect(!RowBuilder().rows(enforcing).contains { $0.refusal != nil })

        // Expired: gone from the table.
        var old = Self.data(refused: ["miner2"])
        old.now += RefusedCreate.lifetime + 60
        #expect(!RowBuilder().rows(old).contains { $0.refusal != nil })
    }

    @Test("`a` proposes the name and the image, never an ID; `y` and `s` say nothing runs")
    func keys() {
        let data = Self.data(refused: ["miner2"])
        var state = UIState()
        _ = state.type("/miner2", data: data)
        _ = state.press([.enter, .character("a")], data: data)
        guard case .proposal(let proposal) = state.overlay else {
            Issue.record("no proposal: \(String(describing: state.message))")
            return
        }
        #expect(proposal.choices == ["name=miner2", "image=busybox:local"])
        #expect(state.press([.enter], data: data) == [.appendRule("name=miner2")])

        var other = UIState()
        _ = other.type("/miner2", data: data)
        #expect(other.press([.enter, .character("y")], data: data).isEmpty)
        #expect(other.message?.text.contains("refused this create") == true)
        #expect(other.press([.character("s")], data: data).isEmpty)
        #expect(other.message?.text.hasPrefix("nothing to stop") == true)

        // Without a name, only the image can be proposed.
        var unnamed = UIState()
        let noName = Self.data(refused: [""])
        _ = unnamed.type("/refused", data: noName)
        _ = unnamed.press([.enter, .character("a")], data: noName)
        if case .proposal(let proposal) = unnamed.overlay {
            #expect(proposal.choices == ["image=busybox:local"])
        } else {
            Issue.record("no proposal for the unnamed create")
        }
    }

    @Test("the detail pane says what was asked, what the user was told and how to allow it")
    func detail() throws {
        let data = Self.data(refused: ["miner2"])
        let row = try #require(RowBuilder().rows(data).first { $0.refusal != nil })
        let lines = DetailView(data: data, row: row, glyphs: .utf8).lines(row, rows: 10)
        let text = lines.map { "\($0.label) \($0.value)" }.joined(separator: "\n")
        #expect(text.contains("`a` allows it, then the same docker run succeeds"), "\(text)")
        #expect(text.contains("2 times by the authorization plugin, last 30 seconds ago"), "\(text)")
        #expect(text.contains("dockerguard: no rule allows name=miner2"), "\(text)")
    }
}
