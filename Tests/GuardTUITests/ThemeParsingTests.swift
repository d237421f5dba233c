import Foundation
import GuardTUI
import Testing

@Suite struct ThemeParsingTests {
    @Test(arguments: ShippedThemes.names)
    func shippedThemeParsesAndDefinesEveryRole(name: String) throws {
        let theme = try Theme(contentsOfFile: ShippedThemes.path(name))
        #expect(theme.name == name)
        #expect(Set(theme.styles.keys) == Set(Role.allCases))
    }

    @Test func builtInDefaultIsTheShippedDefault() throws {
        #expect(try Theme(contentsOfFile: ShippedThemes.path("default")) == Theme.builtInDefault)
    }

    @Test func monoHasNoColours() throws {
        let mono = try Theme(contentsOfFile: ShippedThemes.path("mono"))
        for style in mono.styles.values {
            #expect(style.foreground == .terminalDefault && style.background == .terminalDefault)
        }
        #expect(mono.style(for: .selection).attributes == .reverse)
        #expect(mono.style(for: .violating).attributes == [.bold, .underline])
    }

    @Test func readsEverySpellingOfAColour() throws {
        let yaml = """
            roles:
              normal: { fg: default, bg: BLUE }
              header: { fg: bright-red, bg: 196, attrs: [bold, dim, underline, reverse] }
              muted: { fg: "8", attrs: [] }
            """
        let theme = try Theme.parse(yaml: yaml, path: "inline.yaml", defaultName: "inline")
        #expect(theme.name == "inline")
        #expect(theme.style(for: .normal) == Style(background: .blue))
        #expect(
            theme.style(for: .header)
                == Style(
                    foreground: .palette(9), background: .palette(196), attributes: [.bold, .dim, .underline, .reverse])
        )
        #expect(theme.style(for: .muted) == Style(foreground: .palette(8)))
        #expect(theme.style(for: .selection) == theme.style(for: .normal))
    }

    @Test func colourNamesRoundTrip() {
        for index in 0...255 {
            let color = ThemeColor.palette(index)
            #expect(ThemeColor(color.description) == color)
        }
        #expect(ThemeColor("default") == .terminalDefault)
        #expect(ThemeColor("256") == nil)
        #expect(ThemeColor("-1") == nil)
        #expect(ThemeColor("bright-") == nil)
    }

    @Test func readsTheThemeNameOrFallsBackToTheFileName() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let named = try directory.write("a.yaml", "name: Solarised\nroles: { normal: {} }\n")
        let unnamed = try directory.write("b.yml", "roles: { normal: {} }\n")
        #expect(try Theme(contentsOfFile: named).name == "Solarised")
        #expect(try Theme(contentsOfFile: unnamed).name == "b")
    }

    @Test func nonUTF8FileIsUnreadable() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path + "/latin1.yaml"
        try Data([0x6E, 0x61, 0x6D, 0x65, 0x3A, 0x20, 0xE9, 0xFF]).write(to: URL(fileURLWithPath: path))
        #expect(throws: ThemeError(kind: .unreadable, path: path, reason: "not UTF-8 text")) {
            try Theme(contentsOfFile: path)
        }
    }
}
