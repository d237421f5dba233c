import Foundation
internal import Yams

/// Reading theme files. Errors are typed so the catalog can hand them to the dashboard as they are.
extension Theme {
    /// Reads the theme file at `path`. A file without `name:` is named after the file.
    public init(contentsOfFile path: String) throws(ThemeError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw ThemeError(kind: .notFound, path: path, reason: "no such theme file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ThemeError(kind: .unreadable, path: path, reason: "cannot be read")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ThemeError(kind: .unreadable, path: path, reason: "not UTF-8 text")
        }
        let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        self = try Theme.parse(yaml: text, path: path, defaultName: stem)
    }

    /// Parses a theme from YAML text; `path` is only for messages.
    public static func parse(yaml text: String, path: String, defaultName: String = "unnamed") throws(ThemeError)
        -> Theme
    {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw syntaxError(error, path: path)
        }
        return try ThemeDecoder(path: path).decode(root, defaultName: defaultName)
    }

    private static func syntaxError(_ error: any Error, path: String) -> ThemeError {
        guard let yamlError = error as? YamlError else {
            return ThemeError(kind: .syntax, path: path, reason: "invalid YAML: \(error)")
        }
        switch yamlError {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return ThemeError(
                kind: .syntax, path: path,
                reason: "invalid YAML at line \(mark.line), column \(mark.column): \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.sorted().map { "'\($0)'" }.joined(separator: ", ")
            return ThemeError(
                kind: .syntax, path: path, key: duplicates.count == 1 ? duplicates[0] : nil,
                reason: "duplicate key \(keys) in the mapping at line \(context.mark.line)")
        default:
            return ThemeError(kind: .syntax, path: path, reason: "invalid YAML: \(yamlError)")
        }
    }
}
