import Foundation
import GuardTUI
import Testing

@Suite struct ThemeDirectoriesTests {
    private func real(_ path: String) -> String { URL(fileURLWithPath: path).resolvingSymlinksInPath().path }

    @Test func environmentOverrideThenXDGConfig() throws {
        let root = try TemporaryDirectory()
        defer { root.remove() }
        let shipped = try root.makeDirectory("shipped")
        let user = try root.makeDirectory("config/dockerguard/themes")
        let environment = [
            "DOCKERGUARD_THEMES_DIR": shipped, "XDG_CONFIG_HOME": root.path + "/config", "HOME": "/nonexistent",
        ]
        #expect(
            ThemeCatalog.standardDirectories(environment: environment, executablePath: "/usr/bin/true") == [
                shipped, user,
            ])
    }

    @Test func homeConfigWhenXDGIsUnsetOrRelative() throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let user = try home.makeDirectory(".config/dockerguard/themes")
        for environment in [["HOME": home.path], ["HOME": home.path, "XDG_CONFIG_HOME": "relative/config"]] {
            #expect(ThemeCatalog.standardDirectories(environment: environment, executablePath: "") == [user])
        }
    }

    @Test func leavesOutDirectoriesThatDoNotExist() {
        let environment = ["DOCKERGUARD_THEMES_DIR": "/nonexistent/themes", "HOME": "/nonexistent"]
        #expect(
            ThemeCatalog.standardDirectories(environment: environment, executablePath: "/nonexistent/bin/tui").isEmpty)
    }

    @Test func installedShareDirectory() throws {
        let prefix = try TemporaryDirectory()
        defer { prefix.remove() }
        let binary = try prefix.write("bin/dockerguard-tui", "")
        let themes = try prefix.makeDirectory("share/dockerguard/themes")
        let found = ThemeCatalog.standardDirectories(environment: [:], executablePath: binary)
        #expect(found.map(real) == [real(themes)])
    }

    @Test func checkoutThemesForADevelopmentBuild() throws {
        let checkout = try TemporaryDirectory()
        defer { checkout.remove() }
        try checkout.write("Package.swift", "// swift-tools-version:6.1\n")
        let themes = try checkout.makeDirectory("themes")
        try checkout.makeDirectory("Sources/themes")  // no Package.swift beside it: not the one
        let binary = try checkout.write(".build/x86_64-unknown-linux-gnu/debug/dockerguard-tui", "")
        let found = ThemeCatalog.standardDirectories(environment: [:], executablePath: binary)
        #expect(found.map(real) == [real(themes)])
    }
}
