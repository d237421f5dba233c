import GuardTUI
import Testing

@Suite struct ThemeAdaptationTests {
    private func foreground(_ index: Int, on capability: ColorCapability) -> ThemeColor {
        Theme(name: "t", styles: [.normal: Style(foreground: .palette(index))]).adapted(to: capability).style(
            for: .normal
        ).foreground
    }

    @Test(arguments: [
        (196, ThemeColor.red), (46, .green), (21, .blue), (231, .white), (16, .black), (244, .white),
        (226, .yellow), (201, .magenta), (51, .cyan), (9, .red), (8, .white), (3, .yellow),
        (59, .black), (145, .white), (232, .black),
    ])
    /// Greys go to greys: by distance alone 244 and bright black would be yellow.
    func nearestOfEight(index: Int, expected: ThemeColor) {
        #expect(foreground(index, on: .basic8) == expected)
    }

    @Test(arguments: [
        (196, 9), (46, 10), (21, 4), (231, 15), (16, 0), (244, 8), (12, 12), (88, 1), (250, 7), (255, 7), (236, 0),
    ])
    func nearestOfSixteen(index: Int, expected: Int) {
        #expect(foreground(index, on: .basic16) == .palette(expected))
    }

    @Test func fullPaletteAndTerminalDefaultStayAsTheyAre() throws {
        let theme = try Theme(contentsOfFile: ShippedThemes.path("default"))
        #expect(theme.adapted(to: .palette256) == theme)
        #expect(theme.adapted(to: .basic8).style(for: .normal) == Style())
    }

    @Test func coloursThatMergeKeepTheTextVisible() {
        let theme = Theme(name: "t", styles: [.error: Style(foreground: .palette(196), background: .palette(160))])
        #expect(theme.adapted(to: .basic8).style(for: .error) == Style(foreground: .white, background: .red))
    }

    @Test func noColourKeepsAttributesAndMarksRolesThatReliedOnColour() {
        let theme = Theme.builtInDefault.adapted(to: .none)
        for role in Role.allCases {
            let style = theme.style(for: role)
            #expect(style.foreground == .terminalDefault && style.background == .terminalDefault)
        }
        #expect(theme.style(for: .header).attributes == .bold)
        #expect(theme.style(for: .selection).attributes == .reverse)
        #expect(theme.style(for: .statusBar).attributes == .reverse)
        #expect(theme.style(for: .cursor).attributes == .reverse)
        #expect(theme.style(for: .violating).attributes == .bold)
        #expect(theme.style(for: .pending).attributes == [])
    }

    @Test func noColourMarksRolesAThemeLeftOut() {
        let sparse = Theme(name: "sparse", styles: [.normal: Style(foreground: .red, attributes: .underline)])
        let theme = sparse.adapted(to: .none)
        #expect(theme.style(for: .selection).attributes == [.underline, .reverse])
        #expect(theme.style(for: .dialogTitle).attributes == [.underline, .reverse])
        #expect(theme.style(for: .violating).attributes == .underline)
        #expect(Theme(name: "empty", styles: [:]).adapted(to: .none).style(for: .violating).attributes == .bold)
    }

    @Test(arguments: ShippedThemes.names, ColorCapability.allCases)
    func shippedThemesNeverHideText(name: String, capability: ColorCapability) throws {
        let theme = try Theme(contentsOfFile: ShippedThemes.path(name)).adapted(to: capability)
        for role in Role.allCases {
            let style = theme.style(for: role)
            #expect(style.foreground == .terminalDefault || style.foreground != style.background, "\(role): \(style)")
        }
    }

    @Test(arguments: ColorCapability.allCases)
    func lightThemeHasNoPaleTextOnTheTerminalBackground(capability: ColorCapability) throws {
        let theme = try Theme(contentsOfFile: ShippedThemes.path("light")).adapted(to: capability)
        let pale: Set<ThemeColor> = [.white, .palette(11), .palette(15), .palette(230), .palette(231)]
        for role in Role.allCases where theme.style(for: role).background == .terminalDefault {
            #expect(!pale.contains(theme.style(for: role).foreground), "\(role)")
        }
    }

    @Test(arguments: [
        ([String: String](), 256, ColorCapability.palette256), (["NO_COLOR": "1"], 256, .none),
        (["NO_COLOR": ""], 256, .palette256), (["NO_COLOR": "0"], 8, .none), ([:], 0, .none), ([:], 1, .none),
        ([:], 2, .basic8), ([:], 8, .basic8), ([:], 15, .basic8), ([:], 16, .basic16), ([:], 88, .basic16),
        ([:], 255, .basic16), ([:], 16_777_216, .palette256),
    ])
    func capabilityFromEnvironmentAndTerminal(environment: [String: String], colors: Int, expected: ColorCapability) {
        #expect(ColorCapability.capability(environment: environment, terminalColors: colors) == expected)
    }
}
