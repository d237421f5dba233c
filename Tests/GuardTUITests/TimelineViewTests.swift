import GuardCore
import Testing

@testable import GuardTUI

@Suite("decision timeline: keys")
struct TimelineViewTests {
    typealias F = DashboardFixtures

    static func context() -> DashboardMachine.Context {
        var data = F.data()
        data.timeline = ViewScene.timeline()
        return .init(data: data, rows: RowBuilder().rows(data))
    }

    static func view(_ state: UIState) -> TimelineView? {
        if case .timeline(let view) = state.overlay { view } else { nil }
    }

    @Test("v opens it; j/k move; / filters as typed; Esc takes the filter off, then closes")
    func moveAndFilter() {
        var state = F.state()
        let context = Self.context()
        _ = DashboardMachine.handle(.character("v"), state: &state, context: context)
        #expect(Self.view(state) == TimelineView())
        _ = DashboardMachine.handle(.character("j"), state: &state, context: context)
        _ = DashboardMachine.handle(.character("j"), state: &state, context: context)
        #expect(Self.view(state)?.selected == 2)
        _ = DashboardMachine.handle(.character("G"), state: &state, context: context)
        #expect(Self.view(state)?.selected == 4)
        _ = DashboardMachine.handle(.character("/"), state: &state, context: context)
        for character in "fail" { _ = DashboardMachine.handle(.character(character), state: &state, context: context) }
        #expect(Self.view(state)?.filter == "fail" && Self.view(state)?.selected == 0)
        #expect(Self.view(state)?.rows(context.data.timeline).map(\.result) == ["failed"])
        _ = DashboardMachine.handle(.enter, state: &state, context: context)
        #expect(Self.view(state)?.filterEditor == nil && Self.view(state)?.filter == "fail")
        _ = DashboardMachine.handle(.escape, state: &state, context: context)
        #expect(Self.view(state)?.filter == "" && Self.view(state)?.rows(context.data.timeline).count == 5)
        #expect(state.message?.text == "filter off \u{2014} Esc again closes the decisions")
        _ = DashboardMachine.handle(.escape, state: &state, context: context)
        #expect(state.overlay == .none)
    }

    @Test("Enter goes to the record's row; a container that is gone is said so")
    func jump() {
        var state = F.state()
        state.table.filter = "web"
        var context = Self.context()
        context.rows = state.table.rows(context.data)
        _ = DashboardMachine.handle(.character("v"), state: &state, context: context)
        _ = DashboardMachine.handle(.character("j"), state: &state, context: context)
        _ = DashboardMachine.handle(.enter, state: &state, context: context)
        #expect(state.overlay == .none && state.selectedID == F.minerID && state.table.filter.isEmpty)

        var gone = Self.context()
        gone.data.snapshot.containers.removeAll { $0.id == F.minerID }
        _ = DashboardMachine.handle(.character("v"), state: &state, context: gone)
        _ = DashboardMachine.handle(.character("j"), state: &state, context: gone)
        _ = DashboardMachine.handle(.enter, state: &state, context: gone)
        #expect(Self.view(state) != nil && state.message?.text.hasSuffix("no longer exists") == true)
    }

    /// The trials found `restart` and `allow-list reload` cut: every action and every event of
    /// the guard's own fits its column.
    @Test("ACTION and EVENT fit every action and every event the guard records")
    func actionAndEventFit() {
        let columns = TimelineRenderView.columns
        let action = columns.first { $0.title == "ACTION" }!
        let event = columns.first { $0.title == "EVENT" }!
        func record(action: String?, event: String) -> AuditRecord {
            AuditRecord(
                time: "2026-12-07T12:00:00Z", containerID: "a", containerName: "/a", image: "busybox", event: event,
                verdict: "violating", rule: nil, mode: "enforce", action: action, result: "done")
        }
        for name in EnforcementAction.allCases.map(\.rawValue) + ["restart"] {
            #expect(action.value(record(action: name, event: "start")).count <= action.width, "\(name)")
        }
        for cause in DecisionCause.allCases {
            #expect(event.value(record(action: nil, event: cause.rawValue)).count <= event.width, "\(cause)")
        }
    }

    @Test("RESULT widens to its longest text while RULE / WHY keeps 40 columns; at 120 it is cut")
    func resultWidens() {
        var data = F.data()
        var ended = ViewScene.timeline()[0]
        ended.result = "no longer running: no action needed"
        data.timeline = [ended] + ViewScene.timeline()
        var state = F.state()
        state.overlay = .timeline(TimelineView())
        func screen(_ width: Int) -> String {
            DashboardRenderer.render(
                data: data, state: state, rows: RowBuilder().rows(data), width: width, height: 30, glyphs: .utf8
            ).text
        }
        let wide = screen(160).split(separator: "\n").first { $0.contains("no longer running") } ?? ""
        #expect(wide.contains("no longer running: no action needed "), "\(wide)")
        #expect(wide.hasSuffix("no rule matches") || wide.contains("no rule matches "), "\(wide)")
        #expect(!screen(120).contains("no longer running"), "RULE / WHY keeps its room at 120")
        #expect(screen(120).contains("no long…"))
    }

    @Test("actions in the last hour: done or failed, within 3600 s")
    func lastHour() {
        #expect(TimelineView.actionsInLastHour(ViewScene.timeline(), now: F.now) == 2)
    }
}
