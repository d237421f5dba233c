internal import Configuration
import Foundation
internal import Yams

/// The YAML config file, checked and ready to serve as a layer.
///
/// swift-configuration's `YAMLSnapshot` reads the values; this type first reads the file with Yams
/// itself, because the snapshot neither rejects unknown keys nor says on which line anything is.
struct SettingsFile: Sendable {
    /// The path as given.
    var path: String
    /// The file's values as a provider; nil for a file with no settings (empty, or only comments).
    var provider: (any ConfigProvider)?
    /// The line of each key, for messages.
    var lines: [SettingKey: Int]

    /// Reads and checks the file at `path`.
    static func read(path: String) throws(SettingsError) -> SettingsFile {
        let source = "file:" + path
        let data = try contents(of: path, source: source)
        guard let text = String(data: data, encoding: .utf8) else {
            throw SettingsError(kind: .syntax, source: source, reason: "not UTF-8 text")
        }
        let root: Yams.Node?
        do {
            root = try Yams.Parser(yaml: text).singleRoot()
        } catch {
            throw syntaxError(error, source: source, text: text)
        }
        guard let root else { return SettingsFile(path: path, provider: nil, lines: [:]) }
        guard let mapping = root.mapping else {
            let found = root.sequence != nil ? "a list" : "a single value"
            throw SettingsError(
                kind: .notAMapping, source: source, line: root.mark?.line,
                reason: "expected settings as 'key: value' lines at the top level, found \(found)")
        }

        var lines: [SettingKey: Int] = [:]
        var unsetKeys: Set<String> = []
        for (keyNode, valueNode) in mapping {
            let line = keyNode.mark?.line
            guard let name = keyNode.scalar?.string, let key = SettingKey(rawValue: name) else {
                throw unknownKey(keyNode, source: source, line: line)
            }
            lines[key] = line
            if valueNode.mapping != nil || valueNode.sequence != nil {
                let found = valueNode.mapping != nil ? "a mapping" : "a list"
                throw SettingsError(
                    kind: .invalidValue, key: name, source: source, line: line,
                    reason: "expected a single value, found \(found)")
            }
            if valueNode.null != nil { unsetKeys.insert(name) }
        }

        let snapshot: YAMLSnapshot
        do {
            snapshot = try YAMLSnapshot(
                data: data.bytes, providerName: source, parsingOptions: .default)
        } catch {
            throw SettingsError(kind: .syntax, source: source, reason: "\(error)")
        }
        let provider = SettingsSnapshotProvider(wrapped: snapshot, unsetKeys: unsetKeys)
        return SettingsFile(path: path, provider: provider, lines: lines)
    }

    private static func contents(of path: String, source: String) throws(SettingsError) -> Data {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw SettingsError(kind: .missingFile, source: source, reason: "no such config file")
        }
        guard !isDirectory.boolValue else {
            throw SettingsError(kind: .unreadableFile, source: source, reason: "is a directory, not a config file")
        }
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw SettingsError(
                kind: .unreadableFile, source: source, reason: "cannot be read (\(error.localizedDescription))")
        }
    }

    private static func unknownKey(_ keyNode: Yams.Node, source: String, line: Int?) -> SettingsError {
        guard let name = keyNode.scalar?.string else {
            return SettingsError(
                kind: .unknownKey, source: source, line: line,
                reason: "keys must be plain names (known: \(SettingKey.knownList))")
        }
        let hint = SettingKey.closest(to: name).map { "did you mean '\($0.rawValue)'? " } ?? ""
        return SettingsError(
            kind: .unknownKey, key: name, source: source, line: line,
            reason: "unknown key '\(name)' (\(hint)known: \(SettingKey.knownList))")
    }

    private static func syntaxError(_ error: any Error, source: String, text: String) -> SettingsError {
        guard let yamlError = error as? Yams.YamlError else {
            return SettingsError(kind: .syntax, source: source, reason: "invalid YAML: \(error)")
        }
        switch yamlError {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let during = context.map { " (\($0.text))" } ?? ""
            return SettingsError(
                kind: .syntax, source: source, line: mark.line,
                reason: "invalid YAML at column \(mark.column): \(problem)\(during)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.sorted().map { "'\($0)'" }.joined(separator: ", ")
            // Yams marks where the mapping starts; the second spelling of the key is more use.
            let line = duplicates.count == 1 ? secondLine(of: duplicates[0], in: text) : nil
            return SettingsError(
                kind: .syntax, key: duplicates.count == 1 ? duplicates[0] : nil, source: source,
                line: line ?? context.mark.line, reason: "duplicate key \(keys)")
        default:
            return SettingsError(kind: .syntax, source: source, reason: "invalid YAML: \(yamlError)")
        }
    }

    /// The 1-based line of the second unindented `key:` line, if there is one.
    private static func secondLine(of key: String, in text: String) -> Int? {
        var seen = false
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard line.hasPrefix(key), line.dropFirst(key.count).drop(while: { $0 == " " }).hasPrefix(":") else {
                continue
            }
            if seen { return index + 1 }
            seen = true
        }
        return nil
    }
}
