/// Fitting a theme to what the terminal can show, so one theme file serves every terminal and
/// colour is never the only thing that tells roles apart.
extension Theme {
    /// Roles that stand out only by their background in most themes; without colour they are reversed.
    static let reversedWithoutColor: [Role] = [.selection, .header, .statusBar, .dialogTitle, .cursor]

    /// This theme as `capability` can show it: colours the terminal lacks become their nearest
    /// xterm equivalent; with no colour at all, attributes stand in for colours.
    public func adapted(to capability: ColorCapability) -> Theme {
        switch capability {
        case .palette256:
            return self
        case .basic8, .basic16:
            return Theme(name: name, styles: styles.mapValues { $0.adapted(to: capability.directIndices) })
        case .none:
            var plain: [Role: Style] = [:]
            for role in Role.allCases {
                plain[role] = Style(attributes: style(for: role).attributes)
            }
            // Reversed also when they would look just like normal text, e.g. a theme leaving them out.
            let normal = plain[.normal]?.attributes ?? []
            for role in Self.reversedWithoutColor {
                if let attributes = plain[role]?.attributes, attributes.isEmpty || attributes == normal {
                    plain[role]?.attributes.insert(.reverse)
                }
            }
            if plain[.violating]?.attributes.isEmpty == true { plain[.violating]?.attributes = .bold }
            return Theme(name: name, styles: plain)
        }
    }
}

extension Style {
    /// Maps both colours into `direct`. Two different colours that land on the same one would hide
    /// the text, so the foreground then becomes black or white, whichever is further from the background.
    func adapted(to direct: Range<Int>) -> Style {
        var adapted = self
        adapted.foreground = foreground.adapted(to: direct)
        adapted.background = background.adapted(to: direct)
        if foreground != background, adapted.foreground == adapted.background,
            case .palette(let index) = adapted.background
        {
            let background = XtermPalette.rgb(index)
            let black = XtermPalette.rgb(0).distanceSquared(to: background)
            let white = XtermPalette.rgb(7).distanceSquared(to: background)
            adapted.foreground = black > white ? .black : .white
        }
        return adapted
    }
}

extension ThemeColor {
    /// The nearest colour among the palette indices in `direct`; the terminal default stays.
    func adapted(to direct: Range<Int>) -> ThemeColor {
        guard case .palette(let index) = self, !direct.contains(index) else { return self }
        return .palette(XtermPalette.nearest(to: index, among: direct))
    }
}
