import GuardCore
import Testing

@testable import GuardTUI

@Suite("logs view: buffer and keys")
struct LogViewTests {
    typealias F = DashboardFixtures

    static func context() -> DashboardMachine.Context {
        let data = F.data()
        return .init(data: data, rows: RowBuilder().rows(data))
    }

    static func entries(_ range: Range<Int>) -> [LogEntry] {
        range.map { LogEntry(time: nil, text: "line \($0)", isStderr: $0 % 2 == 1) }
    }

    @Test("lines skipped before a batch (the dashboard fell behind) drop what was kept: a gap is never shown as a run")
    func skippedBefore() {
        var buffer = LogBuffer(capacity: 5)
        buffer.append(contentsOf: Self.entries(0..<3))
        buffer.append(contentsOf: Self.entries(10..<12), skippedBefore: 7)
        #expect(buffer.first == 10 && buffer.end == 12 && buffer.dropped == 10)
        #expect((buffer.first..<buffer.end).map { buffer[$0].text } == ["line 10", "line 11"])
        // Skipped and nothing after: the view is empty, the count right.
        buffer.append(contentsOf: [], skippedBefore: 3)
        #expect(buffer.isEmpty && buffer.dropped == 15)
    }

    @Test("the buffer keeps the newest lines and counts the dropped ones, whatever the batches")
    func bounded() {
        var buffer = LogBuffer(capacity: 5)
        buffer.append(contentsOf: Self.entries(0..<3))
        buffer.append(contentsOf: Self.entries(3..<4))
        buffer.append(contentsOf: Self.entries(4..<12))
        #expect(buffer.count == 5 && buffer.dropped == 7 && buffer.first == 7 && buffer.end == 12)
        #expect((buffer.first..<buffer.end).map { buffer[$0].text } == (7..<12).map { "line \($0)" })
        buffer.append(contentsOf: Self.entries(12..<13))
        #expect(buffer[8].text == "line 8" && buffer[12].text == "line 12" && buffer.dropped == 8)
        #expect(buffer.search("LINE 9", from: 12, older: true) == 9)
        #expect(buffer.search("line 9", from: 8, older: true) == nil)
        #expect(buffer.search("line 1", from: 9, older: false) == 10)
    }

    @Test("l opens the selected container's stream, Esc closes it; lines of a closed view are dropped")
    func openAndClose() {
        var state = F.state()
        let commands = DashboardMachine.handle(.character("l"), state: &state, context: Self.context())
        #expect(commands == [.openLogs(id: F.workerID, session: 1, tail: DashboardMachine.logTail)])
        #expect(state.overlay == .logs && state.logs?.containerID == F.workerID)
        DashboardMachine.receiveLogs(Self.entries(0..<3), session: 1, state: &state)
        #expect(state.logs?.buffer.count == 3 && state.logs?.opening == false)
        #expect(DashboardMachine.handle(.escape, state: &state, context: Self.context()) == [.closeLogs(session: 1)])
        #expect(state.overlay == .none && state.logs == nil)
        // Reopened: a new session; late lines of the first are not shown in it.
        _ = DashboardMachine.handle(.character("l"), state: &state, context: Self.context())
        DashboardMachine.receiveLogs(Self.entries(0..<3), session: 1, state: &state)
        DashboardMachine.logsEnded(session: 1, error: nil, state: &state)
        #expect(state.logs?.session == 2 && state.logs?.buffer.isEmpty == true && state.logs?.ended == nil)
        DashboardMachine.logsEnded(session: 2, error: nil, state: &state)
        #expect(state.logs?.ended == "")
    }

    @Test("f pauses and follows; scrolling up pauses, G follows; w and t toggle; n/N walk the hits")
    func keys() {
        var state = F.state()
        state.pageSize = 6
        let context = Self.context()
        _ = DashboardMachine.handle(.character("l"), state: &state, context: context)
        DashboardMachine.receiveLogs(Self.entries(0..<50), session: 1, state: &state)
        #expect(state.logs?.shownBottom == 49)
        _ = DashboardMachine.handle(.character("f"), state: &state, context: context)
        #expect(state.logs?.following == false && state.logs?.bottom == 49)
        DashboardMachine.receiveLogs(Self.entries(50..<53), session: 1, state: &state)
        #expect(state.logs?.shownBottom == 49 && state.logs?.linesBelow == 3)
        _ = DashboardMachine.handle(.pageUp, state: &state, context: context)
        #expect(state.logs?.bottom == 44)
        _ = DashboardMachine.handle(.character("g"), state: &state, context: context)
        #expect(state.logs?.bottom == 4, "the oldest page: lines 0…4 fill the 5 rows")
        _ = DashboardMachine.handle(.character("G"), state: &state, context: context)
        #expect(state.logs?.following == true && state.logs?.shownBottom == 52)
        _ = DashboardMachine.handle(.character("k"), state: &state, context: context)
        #expect(state.logs?.following == false && state.logs?.bottom == 51)
        _ = DashboardMachine.handle(.character("j"), state: &state, context: context)
        #expect(state.logs?.following == true, "scrolled back to the newest line: following again")
        _ = DashboardMachine.handle(.character("w"), state: &state, context: context)
        _ = DashboardMachine.handle(.character("t"), state: &state, context: context)
        #expect(state.logs?.wrap == true && state.logs?.timestamps == true)

        // `/line 1` Enter: the newest line containing it; n older, N newer.
        _ = DashboardMachine.handle(.character("/"), state: &state, context: context)
        for character in "line 1" {
            _ = DashboardMachine.handle(.character(character), state: &state, context: context)
        }
        _ = DashboardMachine.handle(.enter, state: &state, context: context)
        #expect(state.logs?.hit == 19 && state.logs?.following == false)
        _ = DashboardMachine.handle(.character("n"), state: &state, context: context)
        #expect(state.logs?.hit == 18)
        _ = DashboardMachine.handle(.character("N"), state: &state, context: context)
        #expect(state.logs?.hit == 19)
        _ = DashboardMachine.handle(.character("N"), state: &state, context: context)
        #expect(state.logs?.hit == 19 && state.message?.text == "no newer line with 'line 1'")
        // A new search starts empty (the last one's text is not prefilled); q there is text.
        _ = DashboardMachine.handle(.character("/"), state: &state, context: context)
        _ = DashboardMachine.handle(.character("q"), state: &state, context: context)
        #expect(state.overlay == .logs && state.logs?.searchEditor?.text == "q")
        _ = DashboardMachine.handle(.escape, state: &state, context: context)
        // Enter on an empty search repeats the last one as n does: on to the next older match
        // (the fourth trial: it went back to the newest match).
        _ = DashboardMachine.handle(.character("/"), state: &state, context: context)
        _ = DashboardMachine.handle(.enter, state: &state, context: context)
        #expect(state.logs?.search == "line 1" && state.logs?.hit == 18)
        // The sixth trial: once `G` moved the view away from the match, n searches from the
        // newest line shown, not on from the old match.
        _ = DashboardMachine.handle(.character("G"), state: &state, context: context)
        _ = DashboardMachine.handle(.character("n"), state: &state, context: context)
        #expect(state.logs?.hit == 19)
        #expect(state.message?.text.hasPrefix("'line 1' at line") == true, "\(String(describing: state.message))")
    }

    @Test("a refused create has no output to show")
    func refusedCreate() {
        var state = F.state()
        var context = Self.context()
        context.rows = context.rows.map { row in
            var row = row
            if row.id == F.workerID {
                row.refusal = RefusedCreate(
                    subject: MatchSubject(id: "", name: "/x", imageRef: "busybox:local"), message: "no", at: 0)
            }
            return row
        }
        #expect(DashboardMachine.handle(.character("l"), state: &state, context: context).isEmpty)
        #expect(state.overlay == .none)
    }
}
