import GuardCore
import Testing

@testable import GuardTUI

/// A container allowed by name but not by how it runs: the row says which limits failed, the
/// detail pane lists its runtime facts and those limits, and `a` proposes the lifting terms with
/// a word that they widen the host's exposure.
@Suite struct ProfileDashboardTests {
    static func data() -> DashboardData {
        data(adding: "web-9", runtime: RuntimeFacts(privileged: true, bindSources: ["/"]))
    }

    /// The machine fixtures and one more running container, `name`, that runs so.
    static func data(adding name: String, runtime: RuntimeFacts) -> DashboardData {
        var data = MachineFixtures.data()
        var record = MachineFixtures.record(name)
        record.runtime = runtime
        data.snapshot = ContainerSnapshot(
            version: 2, containers: data.snapshot.containers + [record], engine: data.snapshot.engine,
            isSynced: true, lastSyncAt: 0)
        return data
    }

    @Test func rowDetailAndProposalNameTheLimits() throws {
        let data = Self.data()
        var state = UIState()
        let row = try #require(state.table.rows(data).first { $0.record.displayName == "web-9" })
        #expect(row.verdict == .violating)
        #expect(row.violations == [.privileged, .sensitiveMount(source: "/", path: "/")])
        #expect(
            row.limitReason
                == "privileged, mount of / are not allowed by profile baseline "
                + "(/etc/dockerguard/allowlist:2 allows name=web-* without 'privileged mount=/')")

        let lines = DetailView(data: data, row: row, glyphs: .ascii).lines(row, rows: 20)
        #expect(lines.first?.value.contains("are not allowed by profile baseline") == true)
        #expect(lines.contains { $0.label == "limits" && $0.value == "privileged (CIS 5.4)" })
        #expect(lines.contains { $0.label == "" && $0.value == "mount of / (CIS 5.5)" })
        #expect(lines.contains { $0.label == "runtime" && $0.value == "privileged, mount /" })

        _ = state.type("/web-9", data: data)
        _ = state.press([.enter, .character("a")], data: data)
        guard case .proposal(let proposal) = state.overlay else {
            Issue.record("no proposal")
            return
        }
        #expect(proposal.choices.first == "name=web-9 privileged mount=/")
        #expect(proposal.warning?.contains("widens the host's exposure") == true)
        #expect(state.press([.enter], data: data) == [.appendRule("name=web-9 privileged mount=/")])
    }

    /// The seventh trial: `a` on a container no rule names, with a sensitive mount, offered rules
    /// without the lifting terms, which saved would leave it violating.
    @Test func proposalForAContainerNoRuleNamesCarriesTheLiftingTerms() {
        let data = Self.data(adding: "vol-1", runtime: RuntimeFacts(bindSources: ["/"]))
        var state = UIState()
        _ = state.type("/vol-1", data: data)
        _ = state.press([.enter, .character("a")], data: data)
        guard case .proposal(let proposal) = state.overlay else {
            Issue.record("no proposal")
            return
        }
        #expect(proposal.choices.first == "name=vol-1 mount=/")
        #expect(proposal.choices.allSatisfy { $0.hasSuffix(" mount=/") })
        #expect(proposal.note == nil && proposal.warning?.contains("widens the host's exposure") == true)
    }

    /// The sixth trial: a rule that names the container but lacks the lifting terms said it "does
    /// not match"; it says what the rule still needs.
    @Test func proposalWithoutTheLiftingTermsSaysWhatItNeeds() {
        let data = Self.data()
        var state = UIState()
        _ = state.type("/web-9", data: data)
        _ = state.press([.enter, .character("a"), .character("e"), .control("u")], data: data)
        _ = state.type("name=web-9 privileged", data: data)
        guard case .proposal(let proposal) = state.overlay else {
            Issue.record("no proposal")
            return
        }
        #expect(proposal.note == "this rule names web-9 but not how it runs: add 'mount=/'")
        _ = state.press([.control("u")], data: data)
        _ = state.type("name=other", data: data)
        guard case .proposal(let other) = state.overlay else { return }
        #expect(other.note == "this rule does not match web-9")
    }

    @Test func plainContainersShowPlainRuntimeAndNoLimits() throws {
        let data = Self.data()
        let state = UIState()
        let row = try #require(state.table.rows(data).first { $0.record.displayName == "web-1" })
        #expect(row.violations.isEmpty && row.limitReason == nil)
        let lines = DetailView(data: data, row: row, glyphs: .ascii).lines(row, rows: 20)
        #expect(lines.contains { $0.label == "runtime" && $0.value == "plain (Docker's defaults)" })
        #expect(!lines.contains { $0.label == "limits" })
    }
}
