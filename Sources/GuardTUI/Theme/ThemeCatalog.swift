import Foundation

/// The themes on offer: YAML files found by name in a list of directories, a later directory's
/// file hiding an earlier one's, so a user's `default.yaml` replaces the shipped one.
public struct ThemeCatalog: Sendable, Equatable {
    /// Searched in order; later entries win (see ``standardDirectories(environment:executablePath:)``).
    public var directories: [String]

    static let extensions = ["yaml", "yml"]

    public init(directories: [String]) {
        self.directories = directories
    }

    /// Every theme's name, sorted, with `default` first. `default` is always there: the built-in
    /// copy stands in when no directory has the file.
    public func names() -> [String] {
        var found: Set<String> = ["default"]
        for directory in directories {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            for file in files where !file.hasPrefix(".") {
                let url = URL(fileURLWithPath: file)
                if Self.extensions.contains(url.pathExtension) {
                    found.insert(url.deletingPathExtension().lastPathComponent)
                }
            }
        }
        return ["default"] + found.subtracting(["default"]).sorted()
    }

    /// The theme called `name`, or read from `name` when it is a path to a `.yaml`/`.yml` file.
    public func load(_ name: String) -> Result<Theme, ThemeError> {
        let path: String
        if Self.isPath(name) {
            path = name
        } else if let found = file(named: name) {
            path = found
        } else if name == "default" {
            return .success(.builtInDefault)
        } else {
            let looked =
                directories.isEmpty ? "no theme directories" : "looked in " + directories.joined(separator: ", ")
            return .failure(
                ThemeError(
                    kind: .notFound, path: name,
                    reason: "no such theme (available: \(names().joined(separator: ", ")); \(looked))"))
        }
        do throws(ThemeError) {
            return .success(try Theme(contentsOfFile: path))
        } catch {
            return .failure(error)
        }
    }

    /// The theme called `name`, or the built-in default and the reason `name` could not be used.
    public func loadOrDefault(_ name: String) -> (theme: Theme, error: ThemeError?) {
        switch load(name) {
        case .success(let theme): (theme, nil)
        case .failure(let error): (.builtInDefault, error)
        }
    }

    /// The file for `name` in the last directory that has one; `.yaml` before `.yml`.
    func file(named name: String) -> String? {
        for directory in directories.reversed() {
            for ext in Self.extensions {
                let path = Self.join(directory, "\(name).\(ext)")
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                    return path
                }
            }
        }
        return nil
    }

    /// Joins without making the path absolute, so messages show directories as they were given.
    static func join(_ directory: String, _ file: String) -> String {
        directory.hasSuffix("/") ? directory + file : directory + "/" + file
    }

    private static func isPath(_ name: String) -> Bool {
        name.contains("/") || extensions.contains { name.hasSuffix("." + $0) }
    }
}
