/// The table's columns for a width: which ones show and how wide each is. Widths follow the
/// content (up to a cap), so a short list is not padded out, and the caps grow on wide terminals.
struct TableColumns: Equatable {
    enum Kind: String, CaseIterable {
        case name = "NAME", image = "IMAGE", status = "STATUS", id = "ID", rule = "RULE"
        case cpu = "CPU%", memory = "MEM"
    }

    struct Column: Equatable {
        var kind: Kind
        var x: Int
        var width: Int
    }

    /// The verdict mark: a blank, the glyph, then the preview's arrow and future glyph.
    static let markWidth = 4
    static let gap = 1

    var columns: [Column]

    /// Width of each kind's text over `rows`, for sizing.
    struct Needs {
        var widths = PerKind { $0.rawValue.count }

        init(rows: ArraySlice<ContainerRow>, cells: (ContainerRow, Kind) -> String) {
            for row in rows {
                for kind in Kind.allCases { widths[kind] = max(widths[kind], cells(row, kind).count) }
            }
        }
    }

    init(width: Int, needs: Needs, stats: Bool = false) {
        var kinds: [Kind] = [.name]
        if width >= 50 { kinds.append(.image) }
        kinds.append(.status)
        if stats { kinds += [.cpu, .memory] }
        if width >= 78 { kinds.append(.id) }
        if width >= 66 { kinds.append(.rule) }
        let wide = width >= 110
        let minimum = PerKind(name: 10, image: 10, status: 10, id: 12, rule: 6, cpu: 6, memory: 8)
        let cap = PerKind(
            name: wide ? 40 : 24, image: wide ? 40 : 28, status: 30, id: 12, rule: 20, cpu: 6, memory: 8)
        let available = width - Self.markWidth - Self.gap * kinds.count
        var widths = minimum
        var spare = available - kinds.map { widths[$0] }.reduce(0, +)
        // One cell at a time, in order of importance, up to what each column's text needs.
        let order: [Kind] = [.name, .status, .image, .rule].filter(kinds.contains)
        var grew = true
        while spare > 0, grew {
            grew = false
            for kind in order where spare > 0 && widths[kind] < min(needs.widths[kind], cap[kind]) {
                widths[kind] += 1
                spare -= 1
                grew = true
            }
        }
        var x = Self.markWidth + Self.gap
        columns = kinds.map { kind in
            defer { x += widths[kind] + Self.gap }
            return Column(kind: kind, x: x, width: widths[kind])
        }
    }
}
