import GuardCore
import Testing

@testable import GuardTUI

@Suite("inspect view: JSON, secrets and keys")
struct InspectViewTests {
    typealias F = DashboardFixtures

    static func context() -> DashboardMachine.Context {
        let data = F.data()
        return .init(data: data, rows: RowBuilder().rows(data))
    }

    static func view(_ state: UIState) -> InspectView? {
        if case .inspect(let view) = state.overlay { view } else { nil }
    }

    @Test("pretty-printed in the engine's key order; empty objects and arrays on their key's line")
    func prettyPrinted() {
        let text = InspectText(json: #"{"Id":"abc","Config":{"Env":["A=1"],"Labels":{},"Cmd":[ ]},"N":[1,true,null]}"#)
        #expect(
            text.lines.map(\.text) == [
                "{", #"  "Id": "abc","#, #"  "Config": {"#, #"    "Env": ["#, #"      "A=1""#, "    ],",
                #"    "Labels": {},"#, #"    "Cmd": []"#, "  },", #"  "N": ["#, "    1,", "    true,", "    null",
                "  ]", "}",
            ])
        #expect(text.secretCount == 0)
    }

    @Test("Config.Env values with secret names or passwords in URLs are masked; nothing else is")
    func masked() {
        let text = InspectText(json: ViewScene.inspectJSON)
        let masked = text.lines.compactMap(\.masked).map { $0.trimmingWhitespace() }
        #expect(
            masked == [
                #""POSTGRES_PASSWORD=********","#, #""AWS_SECRET_ACCESS_KEY=********","#,
                #""GITHUB_TOKEN=********","#, #""DATABASE_URL=********","#,
            ])
        // PATH, PWD and a non-Env string that looks like one stay as they are.
        let all = text.lines.map(\.text).joined(separator: "\n")
        #expect(all.contains(#""PATH=/usr/local/bin:/usr/bin:/bin","#) && all.contains(#""PWD=/srv""#))
        #expect(all.contains(#""--api-token=from-args""#))
        #expect(text.lines.allSatisfy { $0.masked == nil || $0.text.contains("=") })
        #expect(SecretNames.masked("LANG=C") == nil && SecretNames.masked("EMPTY_TOKEN=") == nil)
        #expect(SecretNames.masked("db_passwd=x") == "db_passwd=********")
    }

    @Test("i asks for the selected container's inspect; a late answer for a closed view is dropped")
    func openReceiveClose() {
        var state = F.state()
        let context = Self.context()
        #expect(
            DashboardMachine.handle(.character("i"), state: &state, context: context) == [
                .inspect(id: F.workerID, session: 1)
            ])
        #expect(Self.view(state)?.text == nil)
        DashboardMachine.receiveInspect(json: ViewScene.inspectJSON, error: nil, session: 1, state: &state)
        #expect(Self.view(state)?.lineCount == InspectText(json: ViewScene.inspectJSON).lines.count)
        _ = DashboardMachine.handle(.escape, state: &state, context: context)
        #expect(state.overlay == .none)
        _ = DashboardMachine.handle(.character("i"), state: &state, context: context)
        DashboardMachine.receiveInspect(json: "{}", error: nil, session: 1, state: &state)
        #expect(Self.view(state)?.session == 2 && Self.view(state)?.text == nil)
        DashboardMachine.receiveInspect(json: nil, error: "no such container", session: 2, state: &state)
        #expect(Self.view(state)?.error == "no such container")
    }

    @Test("M with nothing masked says so and shows nothing more")
    func secretsKeyWithoutSecrets() {
        var state = F.state()
        let context = Self.context()
        _ = DashboardMachine.handle(.character("i"), state: &state, context: context)
        DashboardMachine.receiveInspect(
            json: #"{"Id":"abc","Config":{"Env":["PATH=/bin","LANG=C"]}}"#, error: nil, session: 1, state: &state)
        _ = DashboardMachine.handle(.character("M"), state: &state, context: context)
        #expect(Self.view(state)?.showSecrets == false)
        #expect(state.message?.text == "nothing masked here: no environment value looks secret")
    }

    @Test("arrows, PgUp/PgDn and g/G scroll within the lines; / n N find lines; M shows secrets")
    func scrollSearchSecrets() {
        var state = F.state()
        state.pageSize = 10
        let context = Self.context()
        _ = DashboardMachine.handle(.character("i"), state: &state, context: context)
        DashboardMachine.receiveInspect(json: ViewScene.inspectJSON, error: nil, session: 1, state: &state)
        let count = Self.view(state)!.lineCount
        for key in [Key.down, .down, .pageDown] { _ = DashboardMachine.handle(key, state: &state, context: context) }
        #expect(Self.view(state)?.top == 12)
        _ = DashboardMachine.handle(.character("G"), state: &state, context: context)
        #expect(Self.view(state)?.top == count - 10)
        _ = DashboardMachine.handle(.pageDown, state: &state, context: context)
        #expect(Self.view(state)?.top == count - 10)
        _ = DashboardMachine.handle(.character("g"), state: &state, context: context)
        _ = DashboardMachine.handle(.up, state: &state, context: context)
        #expect(Self.view(state)?.top == 0)

        // The fourth trial: a key that does nothing here, or n before any search, says so.
        _ = DashboardMachine.handle(.character("z"), state: &state, context: context)
        #expect(state.message?.text == "unknown key \u{2014} ? for help")
        _ = DashboardMachine.handle(.character("n"), state: &state, context: context)
        #expect(state.message?.text == "no search yet: / searches")
        // The fifth trial: `?` (which the bar offers) opens the help over the view, and closing
        // the help comes back to the view where it was.
        let before = Self.view(state)
        _ = DashboardMachine.handle(.character("?"), state: &state, context: context)
        #expect(state.overlay == .help)
        _ = DashboardMachine.handle(.escape, state: &state, context: context)
        #expect(Self.view(state) == before && state.message == nil)

        // A hidden value is never found; a shown one is.
        for key in [Key.character("/")] + "hunter2".map(Key.character) + [.enter] {
            _ = DashboardMachine.handle(key, state: &state, context: context)
        }
        #expect(Self.view(state)?.hit == nil && state.message?.text == "no line with 'hunter2'")
        _ = DashboardMachine.handle(.character("M"), state: &state, context: context)
        #expect(Self.view(state)?.showSecrets == true)
        _ = DashboardMachine.handle(.character("n"), state: &state, context: context)
        let hit = Self.view(state)?.hit
        #expect(hit.map { Self.view(state)!.line($0).contains("hunter2") } == true)

        // From the top, n and N step through the lines with "running" (State.Status, State.Running).
        for key in [Key.character("g"), .character("/")] + Array(repeating: Key.backspace, count: 7)
            + "running".map(Key.character) + [.enter]
        {
            _ = DashboardMachine.handle(key, state: &state, context: context)
        }
        let first = Self.view(state)?.hit
        _ = DashboardMachine.handle(.character("n"), state: &state, context: context)
        let second = Self.view(state)?.hit
        #expect(first != nil && second != nil && second! > first!)
        _ = DashboardMachine.handle(.character("N"), state: &state, context: context)
        #expect(Self.view(state)?.hit == first)
        let hitLine = Self.view(state)!.hit!
        #expect(hitLine >= Self.view(state)!.top && hitLine < Self.view(state)!.top + 10)

        // The third trial: past the last match the search goes on from the top (and N from the
        // bottom), as vim does, and says so.
        var hits: [Int] = []
        for _ in 0..<20 where state.message?.text.hasSuffix("(went on from the top)") != true {
            _ = DashboardMachine.handle(.character("n"), state: &state, context: context)
            hits.append(Self.view(state)!.hit!)
        }
        #expect(hits.last == first && hits.dropLast().allSatisfy { $0 > first! }, "\(hits)")
        _ = DashboardMachine.handle(.character("N"), state: &state, context: context)
        #expect(Self.view(state)?.hit == hits.dropLast().last)
        #expect(state.message?.text.hasSuffix("(went on from the bottom)") == true)

        // The fourth trial: once the view moved away from the match, n and N search from where
        // the view is: from the top, n finds the first match without going round.
        _ = DashboardMachine.handle(.character("g"), state: &state, context: context)
        _ = DashboardMachine.handle(.character("n"), state: &state, context: context)
        #expect(Self.view(state)?.hit == first)
        #expect(state.message?.text.contains("went on") == false)
    }
}
