import Foundation

/// Where themes live: the ones shipped with dockerguard, then the user's own.
extension ThemeCatalog {
    /// The shipped themes directory, then `$XDG_CONFIG_HOME/dockerguard/themes` (default
    /// `~/.config/dockerguard/themes`); only those that exist.
    ///
    /// The shipped directory is `$DOCKERGUARD_THEMES_DIR` when set; otherwise
    /// `<prefix>/share/dockerguard/themes` next to an installed `<prefix>/bin/dockerguard-tui`;
    /// otherwise the `themes/` of the checkout the binary was built in (`swift run` puts it under
    /// `.build/`), found by walking up to a directory with both `Package.swift` and `themes/`.
    public static func standardDirectories(environment: [String: String], executablePath: String) -> [String] {
        let shipped: String?
        if let override = environment["DOCKERGUARD_THEMES_DIR"], !override.isEmpty {
            shipped = override
        } else {
            shipped = shippedDirectory(executablePath: executablePath)
        }
        return [shipped, userDirectory(environment: environment)].compactMap { $0 }.filter(isDirectory)
    }

    /// `$XDG_CONFIG_HOME/dockerguard/themes`; the XDG spec says to ignore a relative `XDG_CONFIG_HOME`.
    static func userDirectory(environment: [String: String]) -> String? {
        if let config = environment["XDG_CONFIG_HOME"], config.hasPrefix("/") {
            return join(config, "dockerguard/themes")
        }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return join(home, ".config/dockerguard/themes")
    }

    private static func shippedDirectory(executablePath: String) -> String? {
        guard !executablePath.isEmpty else { return nil }
        // Through symlinks: a package manager's bin/ often links into the real prefix.
        let binary = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath()
        let binDirectory = binary.deletingLastPathComponent()
        let installed = binDirectory.deletingLastPathComponent().appendingPathComponent("share/dockerguard/themes").path
        if isDirectory(installed) { return installed }

        // Component by component rather than by `deletingLastPathComponent`, which does not stop at `/`.
        let components = binDirectory.standardizedFileURL.pathComponents
        for count in stride(from: components.count, through: 1, by: -1) {
            let directory = NSString.path(withComponents: Array(components.prefix(count)))
            let themes = join(directory, "themes")
            if FileManager.default.fileExists(atPath: join(directory, "Package.swift")), isDirectory(themes) {
                return themes
            }
        }
        return nil
    }

    private static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
