/// What a cell on screen is, for the theme to colour: the renderer assigns roles, the theme maps
/// each role to colours and attributes.
public enum Role: String, Sendable, CaseIterable, Hashable {
    /// Ordinary text.
    case normal
    /// The top line: title and counts.
    case header
    /// The table's column titles.
    case columnHeader = "column-header"
    /// The selected row.
    case selection
    case allowed
    case violating
    case pending
    /// A row the unsaved allow-list would flip.
    case preview
    /// Secondary text: hints, rule locations, comments in the editor.
    case muted
    /// The bottom lines.
    case statusBar = "status-bar"
    /// Dialogs, the help overlay, the detail pane and the editor panel.
    case dialog
    /// A dialog's title line and borders.
    case dialogTitle = "dialog-title"
    /// Errors, wherever they show.
    case error
    /// The text cursor in a line editor.
    case cursor
}
