import GuardCore

/// The confirmation dialogs. Each says what will happen, to which containers, and what may
/// undo it (a restart policy, a Compose project), then how to answer; No is the default.
struct DialogView {
    var dialog: Dialog
    /// The allow-list file, for the file-changed question.
    var path: String
    var stopTimeout: Int
    var glyphs: Glyphs
    /// The mode and action in force: `d` says what they do to the containers a rule leaves.
    var mode: EnforcementMode = .audit
    var action = "stop"

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
            // Titled by what `y` does (the trial read "Approve" as allowing it).
            return box(
                "\(Self.capitalized(action)) pending \(target.name)?",
                body: [Line(text: "action: \(describe(action))"), consequence], list: [], footer: yesNo,
                hints: noHints)
        case .stopAllViolating(let targets, let action):
            var box = box(
                "Stop all \(Self.kind(of: targets)) containers?",
                body: [Line(text: "\(Self.counted(targets)), action: \(describe(action))", wraps: true)],
                list: targets.map(consequenceLine),
                footer: dialog.error.map { [Line(text: $0, role: .error, wraps: true)] } ?? [],
                hints: ["Esc cancel"])
            box.input = (prompt: "type \(targets.count) and Enter to confirm: ", editor: dialog.typed)
            return box
        case .approveAll(let targets, let action):
            let verb = Self.capitalized(action)
            let plural = targets.count == 1 ? "" : "s"
            let leftOut = dialog.marksLeftOut
            // A marked row that is not pending is left alone: said, so the counts add up.
            let note = leftOut > 0 ? " (\(leftOut) marked \(leftOut == 1 ? "is" : "are") not pending: left alone)" : ""
            return box(
                dialog.fromMarks
                    ? "\(verb) the \(targets.count) marked pending?" : "\(verb) all \(targets.count) pending?",
                body: [
                    Line(text: "\(describe(action)) \(targets.count) pending container\(plural)\(note):", wraps: true)
                ],
                list: targets.map(consequenceLine), footer: yesNo, hints: noHints)
        case .mode(let current, let action, let targets):
            func choice(_ key: String, _ mode: EnforcementMode, _ what: String) -> Line {
                Line(text: "\(key) \(mode.rawValue)\(mode == current ? " (now)" : ""): \(what)", wraps: true)
            }
            let now =
                targets.isEmpty
                ? "none is violating now" : targets.count == 1 ? "this one now:" : "these \(targets.count) now:"
            return box(
                "Mode: now \(current.rawValue)",
                body: [
                    choice("a", .audit, "report violations, act on none"),
                    choice("c", .confirm, "hold each violation until you act on it (y)"),
                    choice("e", .enforce, "\(action) violating containers at once; \(now)"),
                ],
                list: targets.map(consequenceLine),
                footer: [Line(text: "a, c or e; Esc keeps \(current.rawValue)", wraps: true)],
                hints: noHints)
        case .removeRule(let line, let text, let containers):
            // What the mode then does to them (the eighth trial's `y` stopped three without a word).
            let then: String
            switch mode {
            case .audit: then = "audit mode only records it"
            case .confirm: then = "confirm mode holds \(containers.count == 1 ? "it" : "them") for you as pending"
            case .enforce: then = "enforce mode will \(action) \(containers.count == 1 ? "it" : "them") at once"
            }
            let which =
                containers.count == 1
                ? "It allows \(containers[0]), which may then be violating: \(then)."
                : "It allows these \(containers.count) containers, which may then be violating: \(then):"
            return box(
                "Remove rule?",
                body: [Line(text: "line \(line): \(text)"), Line(text: which, wraps: true)],
                list: containers.count == 1 ? [] : containers.map { Line(text: $0) }, footer: yesNo, hints: noHints)
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

    /// `Stop`, `Kill`, `Remove`: a title says what `y` does.
    static func capitalized(_ action: String) -> String {
        action.prefix(1).uppercased() + action.dropFirst()
    }

    /// The targets counted as the header counts them: violating apart from pending.
    static func counted(_ targets: [Dialog.Target]) -> String {
        let pending = targets.filter(\.isPending).count
        let kind = kind(of: targets)
        guard pending > 0, pending < targets.count else {
            return "\(targets.count) \(kind) container\(targets.count == 1 ? "" : "s")"
        }
        return "\(targets.count) containers (\(targets.count - pending) violating, \(pending) pending)"
    }

    /// `violating`, `pending`, or `violating and pending`: what the targets are, as the header says.
    static func kind(of targets: [Dialog.Target]) -> String {
        let pending = targets.filter(\.isPending).count
        return pending == 0 ? "violating" : pending == targets.count ? "pending" : "violating and pending"
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
