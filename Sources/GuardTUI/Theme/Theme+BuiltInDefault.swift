/// The dashboard must always have something to draw with, even when no theme file can be found
/// (a binary copied on its own) or the chosen one is broken. A test keeps this equal to
/// `themes/default.yaml`.
extension Theme {
    public static let builtInDefault = Theme(
        name: "default",
        styles: [
            .normal: Style(),
            .header: Style(foreground: .white, background: .blue, attributes: .bold),
            .columnHeader: Style(foreground: .cyan, attributes: [.bold, .underline]),
            .selection: Style(foreground: .black, background: .cyan),
            .allowed: Style(foreground: .green),
            .violating: Style(foreground: .red, attributes: .bold),
            .pending: Style(foreground: .palette(220)),
            .preview: Style(foreground: .palette(170), attributes: .bold),
            .muted: Style(foreground: .palette(245)),
            .statusBar: Style(foreground: .black, background: .palette(250)),
            .dialog: Style(foreground: .palette(252), background: .palette(236)),
            .dialogTitle: Style(foreground: .palette(15), background: .blue, attributes: .bold),
            .error: Style(foreground: .palette(15), background: .palette(160), attributes: .bold),
            .cursor: Style(attributes: .reverse),
        ])
}
