/// The rule proposal (`a`): the rules that would allow the selected container, one chosen, and,
/// while the chosen rule is being edited, the line with its cursor and what is wrong with it.
struct ProposalView {
    var proposal: RuleProposal
    var glyphs: Glyphs

    var box: DialogBox {
        let choices = proposal.choices.enumerated().map { index, choice in
            let selected = index == proposal.selected && proposal.editor == nil
            return DialogBox.Line(
                text: "\(index + 1) \(shown(choice))", role: selected ? .selection : .dialog, spans: selected)
        }
        let range = "1-\(proposal.choices.count)"
        // While a rule is typed, letters and digits go into it: only Enter and Esc still act.
        let hints =
            proposal.editor == nil
            ? [
                "Enter save  e edit  \(range) choose  Esc cancel", "Enter save  e edit  Esc cancel",
                "Enter save  Esc cancel",
            ]
            : ["Enter save  Esc cancel"]
        return DialogBox(
            title: "Allow \(proposal.container)",
            body: [
                DialogBox.Line(
                    text: proposal.containerIDs.isEmpty
                        ? "Add a rule that allows it:" : "Add one rule each, or one they share:", wraps: true)
            ]
                + (proposal.warning.map { [DialogBox.Line(text: $0, role: .error, wraps: true)] } ?? []),
            list: choices,
            input: proposal.editor.map { (prompt: "rule: ", editor: $0) },
            footer: proposal.error.map { [DialogBox.Line(text: $0, role: .error, wraps: true)] }
                ?? proposal.note.map { [DialogBox.Line(text: $0, role: .error, wraps: true)] } ?? [],
            hints: hints,
            glyphs: glyphs)
    }

    /// For the marked containers: `each: name=a, name=b` (one rule per line saved) or `shared: …`.
    func shown(_ choice: String) -> String {
        guard !proposal.containerIDs.isEmpty else { return choice }
        let rules = choice.split(separator: "\n")
        return rules.count > 1 ? "each: " + rules.joined(separator: ", ") : "shared: " + choice
    }

    func draw(on screen: inout Screen) {
        box.draw(on: &screen)
    }
}
