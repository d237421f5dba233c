/// Where each part of the dashboard goes for a terminal size and overlay. Pure arithmetic, shared
/// by the renderer and the key handling (which pages by ``tableRows``).
///
/// From the top: the header (row 0); the body, which holds the allow-list panel (when the editor
/// is open), the table (its column titles, then container rows) and the detail pane (when open);
/// the status bar (the last two rows).
public struct DashboardLayout: Sendable, Equatable {
    public static let minimumWidth = 40
    public static let minimumHeight = 10
    /// Below this height the detail pane takes the whole body rather than its lower half.
    public static let detailSplitHeight = 16

    /// A run of whole rows.
    public struct Band: Sendable, Equatable {
        public var top: Int
        public var height: Int

        public init(top: Int, height: Int) {
            self.top = top
            self.height = max(height, 0)
        }

        public var rows: Range<Int> { top..<(top + height) }
        public var bottom: Int { top + height }
    }

    public let width: Int
    public let height: Int
    /// Smaller than 40×10: only a note is drawn.
    public let tooSmall: Bool
    public let header: Band
    /// Everything between the header and the status bar.
    public let body: Band
    /// The allow-list panel, when the editor is open.
    public let editor: Band?
    /// The column-title row and the container rows; empty when the detail pane covers it.
    public let table: Band
    public let detail: Band?
    public let statusBar: Band

    public init(width: Int, height: Int, overlay: Overlay) {
        self.width = max(width, 0)
        self.height = max(height, 0)
        tooSmall = width < Self.minimumWidth || height < Self.minimumHeight
        header = Band(top: 0, height: tooSmall ? 0 : 1)
        statusBar = Band(top: max(self.height - 2, 0), height: tooSmall ? 0 : 2)
        body = Band(top: 1, height: tooSmall ? 0 : self.height - 3)
        var editor: Band?
        var table = body
        var detail: Band?
        if !tooSmall {
            switch overlay {
            case .editor, .editorDialog:
                // The table keeps about 40% (at least its titles and one row) to preview the draft.
                let tableHeight = max(2, body.height * 2 / 5)
                editor = Band(top: body.top, height: body.height - tableHeight)
                table = Band(top: body.bottom - tableHeight, height: tableHeight)
            case .detail:
                let detailHeight = self.height < Self.detailSplitHeight ? body.height : body.height - body.height / 2
                detail = Band(top: body.bottom - detailHeight, height: detailHeight)
                table = Band(top: body.top, height: body.height - detailHeight)
            default: break
            }
        }
        self.editor = editor
        self.table = table
        self.detail = detail
    }

    /// Container rows visible in the table: the page size for PgUp/PgDn. Zero when the detail pane
    /// covers the table on a short terminal.
    public var tableRows: Int { max(table.height - 1, 0) }

    /// Allow-list lines visible in the editor panel (its title and bottom line excluded).
    public var editorRows: Int { max((editor?.height ?? 0) - 2, 0) }
}
