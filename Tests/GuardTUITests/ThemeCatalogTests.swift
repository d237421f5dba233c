import Foundation
import GuardTUI
import Testing

@Suite struct ThemeCatalogTests {
    private let shipped = ThemeCatalog(directories: [ShippedThemes.directory])

    @Test func namesTheShippedThemes() {
        #expect(shipped.names() == ShippedThemes.names)
    }

    @Test func namesAreSortedUniqueWithDefaultFirst() throws {
        let user = try TemporaryDirectory()
        defer { user.remove() }
        try user.write("zebra.yaml", "roles: {}\n")
        try user.write("amber.yml", "roles: {}\n")
        try user.write("light.yaml", "roles: {}\n")
        try user.write("notes.txt", "not a theme")
        try user.write(".hidden.yaml", "roles: {}\n")
        let catalog = ThemeCatalog(directories: [ShippedThemes.directory, user.path])
        #expect(catalog.names() == ["default", "amber", "light", "mono", "zebra"])
        #expect(ThemeCatalog(directories: []).names() == ["default"])
    }

    @Test func userDirectoryOverridesShipped() throws {
        let user = try TemporaryDirectory()
        defer { user.remove() }
        try user.write("light.yaml", "roles:\n  normal: { fg: red }\n")
        let catalog = ThemeCatalog(directories: [ShippedThemes.directory, user.path])
        let theme = try catalog.load("light").get()
        #expect(theme.name == "light")
        #expect(theme.style(for: .selection) == Style(foreground: .red))
        #expect(try catalog.load("mono").get() == (try Theme(contentsOfFile: ShippedThemes.path("mono"))))
    }

    @Test func brokenUserThemeReportsItsOwnFile() throws {
        let user = try TemporaryDirectory()
        defer { user.remove() }
        let path = try user.write("default.yaml", "roles:\n  selection: { fg: purpul }\n")
        let (theme, error) = ThemeCatalog(directories: [ShippedThemes.directory, user.path]).loadOrDefault("default")
        #expect(theme == Theme.builtInDefault)
        #expect(error?.path == path)
        #expect(error?.key == "roles.selection.fg")
    }

    @Test func missingNameFallsBackToDefaultWithAnError() {
        let (theme, error) = shipped.loadOrDefault("solarized")
        #expect(theme == Theme.builtInDefault)
        #expect(error?.kind == .notFound)
        #expect(error?.description.contains("solarized") == true)
        #expect(error?.description.contains("available: default, light, mono") == true)
    }

    @Test func defaultNeedsNoFile() throws {
        let (theme, error) = ThemeCatalog(directories: []).loadOrDefault("default")
        #expect(theme == Theme.builtInDefault)
        #expect(error == nil)
    }

    @Test func loadsAPath() throws {
        let user = try TemporaryDirectory()
        defer { user.remove() }
        let path = try user.write("mine.yml", "name: mine\nroles:\n  header: { attrs: [bold] }\n")
        #expect(try shipped.load(path).get().name == "mine")
        let missing = user.path + "/gone.yaml"
        #expect(throws: ThemeError(kind: .notFound, path: missing, reason: "no such theme file")) {
            try shipped.load(missing).get()
        }
    }

    @Test func yamlExtensionWinsOverYml() throws {
        let user = try TemporaryDirectory()
        defer { user.remove() }
        try user.write("x.yml", "name: from-yml\nroles: {}\n")
        try user.write("x.yaml", "name: from-yaml\nroles: {}\n")
        #expect(try ThemeCatalog(directories: [user.path]).load("x").get().name == "from-yaml")
    }
}
