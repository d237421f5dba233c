/// The confirmation dialogs. Each says what will happen, to which containers, and what may
/// undo it (a restart policy, a Compose project), then how to answer; No is the default.
struct DialogView {
    var dialog: Dialog
    /// The allow-list file, for the file-changed question.
    var path: String
    var stopTimeout: Int
    var glyphs: Glyphs

    typealias Line = DialogBox.Line

    var box: DialogBox {
        let yesNo = [Line(text: "[y/N]")]
        let noHints: [String] = []
        switch dialog.kind {
        case .stop(let targets, let action):
            let title = targets.count == 1 ? "Stop \(targets[0].name)?" : "Stop \(targets.count) containers?"
            let action = Line(text: "action: \(describe(action))")
            // One target's consequence is prose worth reading whole; many are a list that may shrink.
            if targets.count == 1 {
                var consequence = consequenceLine(targets[0])
                consequence.wraps = true
                return box(title, body: [action, consequence], list: [], footer: yesNo, hints: noHints)
            }
            return box(title, body: [action], list: targets.map(consequenceLine), footer: yesNo, hints: noHints)
        case .approve(let target, let action):
            var consequence = consequenceLine(target)
            consequence.wraps = true
            return box(
                "Approve: \(action) \(target.name)?",
                body: [Line(text: "action: \(describe(action))"), consequence], list: [], footer: yesNo,
                hints: noHints)
        case .stopAllViolating(let targets, let action):
            // The count names what the header shows apart: violating and pending are both running.
            let pending = targets.filter(\.isPending).count
            let held = pending > 0 ? " (\(pending) of them pending)" : ""
            var box = box(
                "Stop all violating containers?",
                body: [
                    Line(
                        text: "\(targets.count) violating container\(targets.count == 1 ? "" : "s")\(held), "
                            + "action: \(describe(action))",
                        wraps: true)
                ],
                list: targets.map(consequenceLine),
                footer: dialog.error.map { [Line(text: $0, role: .error, wraps: true)] } ?? [],
                hints: ["Esc cancel"])
            box.input = (prompt: "type \(targets.count) and Enter to confirm: ", editor: dialog.typed)
            return box
        case .approveAll(let targets, let action):
            return box(
                dialog.fromMarks ? "Approve the \(targets.count) marked?" : "Approve all pending?",
                body: [
                    Line(
                        text: "\(describe(action)) \(targets.count) pending container\(targets.count == 1 ? "" : "s"):",
                        wraps: true)
                ],
                list: targets.map(consequenceLine), footer: yesNo, hints: noHints)
        case .enforceMode(let action, let targets):
            let what =
                targets.isEmpty
                ? "No container is violating now; violating containers will be \(Self.pastTense(action)) at once."
                : "\(targets.count) violating container\(targets.count == 1 ? "" : "s") will be "
                    + "\(Self.pastTense(action)) at once:"
            return box(
                "Switch to enforce mode?", body: [Line(text: what, wraps: true)],
                list: targets.map(consequenceLine), footer: yesNo, hints: noHints)
        case .removeRule(let line, let text, let container):
            return box(
                "Remove rule?",
                body: [
                    Line(text: "line \(line): \(text)"),
                    Line(text: "It allows \(container), which may then be violating.", wraps: true),
                ],
                list: [], footer: yesNo, hints: noHints)
        case .fileChanged:
            return box(
                "File changed on disk",
                body: [Line(text: "\(path) changed on disk since you opened it.", wraps: true)],
                list: [],
                footer: [
                    Line(text: "r    reload it (drop your edits)"), Line(text: "o    overwrite it"),
                    Line(text: "Esc  keep editing"),
                ],
                hints: noHints)
        case .discardEdits(let thenQuit):
            let question = thenQuit ? "Discard unsaved allow-list edits and quit?" : "Discard unsaved allow-list edits?"
            return box(
                "Discard edits?", body: [Line(text: question, wraps: true)], list: [], footer: yesNo, hints: noHints)
        }
    }

    func draw(on screen: inout Screen) {
        box.draw(on: &screen)
    }

    private func box(_ title: String, body: [Line], list: [Line], footer: [Line], hints: [String]) -> DialogBox {
        DialogBox(title: title, body: body, list: list, footer: footer, hints: hints, glyphs: glyphs)
    }

    /// `web-1: restart policy 'always': …`, or the bare name; wrapped, so no consequence is cut.
    private func consequenceLine(_ target: Dialog.Target) -> Line {
        Line(text: target.consequence.map { "\(target.name): \($0)" } ?? target.name, wraps: true)
    }

    /// The action as the operator should read it: `kill`, `stop (10 s timeout)`, `remove`.
    func describe(_ action: String) -> String {
        action == "stop" ? "stop (\(stopTimeout) s timeout)" : action
    }

    /// `stopped`, `killed`, `removed`.
    static func pastTense(_ action: String) -> String {
        switch action {
        case "stop": "stopped"
        case "kill": "killed"
        case "remove": "removed"
        default: action.hasSuffix("e") ? action + "d" : action + "ed"
        }
    }
}
