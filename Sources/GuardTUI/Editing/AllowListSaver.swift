import Glibc
import GuardCore

/// Carries out the dashboard's allow-list commands against the file on disk. Every write is
/// checked first: the result must parse (an invalid list is never saved) and the file must still
/// hold what the change was based on (else ``AppEvent/conflict(disk:)``). Writes are atomic.
public struct AllowListSaver: Sendable {
    public let path: String
    /// Called with each list written, so the guard applies it at once rather than at the next poll.
    let onSaved: @Sendable (AllowList) -> Void

    public init(path: String, onSaved: @escaping @Sendable (AllowList) -> Void = { _ in }) {
        self.path = path
        self.onSaved = onSaved
    }

    /// The outcome of `command`, or nil for commands that are not about the file.
    public func perform(_ command: Command) -> AppEvent? {
        do {
            switch command {
            case .openEditor: return .opened(text: try read())
            case .appendRule(let rule): return try append(rule)
            case .removeRule(let line, let expected): return try remove(line: line, expected: expected)
            case .saveDraft(let text, let base, let overwrite):
                let disk = try read()
                if !overwrite, disk != base { return .conflict(disk: disk) }
                try write(text)
                return .saved(description: "\(path)", before: disk, after: text)
            case .restore(let text, let expected):
                let disk = try read()
                guard disk == expected else { return .undoConflict }
                try write(text)
                return .undone(description: "\(path) is back as it was")
            default: return nil
            }
        } catch let error as SaveError {
            return .failed(error.message)
        } catch {
            return .failed("\(error)")
        }
    }

    func append(_ rule: String) throws -> AppEvent {
        let disk = try read()
        var document = AllowListDocument(text: disk)
        // Rules proposed for marked containers come one per line: appended as they are, one save.
        let rules = rule.split(separator: "\n").map(String.init)
        for line in rules { document.append(line) }
        try write(document.text())
        let added = rules.map { "'\($0)'" }.joined(separator: ", ")
        return .saved(description: "added \(added)", before: disk, after: document.text())
    }

    func remove(line: Int, expected: String) throws -> AppEvent {
        let disk = try read()
        var document = AllowListDocument(text: disk)
        guard document.lines.indices.contains(line - 1),
            document.lines[line - 1].trimmingWhitespace().hasPrefix(expected)
        else {
            return .conflict(disk: disk)
        }
        _ = document.remove(line: line)
        try write(document.text())
        return .saved(description: "removed line \(line) '\(expected)'", before: disk, after: document.text())
    }

    /// The file's text; a missing file reads as empty, so the first rule creates it.
    func read() throws -> String {
        do {
            return String(decoding: try AllowListFile.read(path: path), as: UTF8.self)
        } catch  where error.code == ENOENT {
            return ""
        } catch {
            throw SaveError(message: "cannot read \(error)")
        }
    }

    /// Parses, then atomically writes; refuses an invalid list.
    func write(_ text: String) throws {
        let list: AllowList
        switch AllowList.parse(text, path: path) {
        case .success(let parsed): list = parsed
        case .failure(let errors):
            throw SaveError(
                message: "not saved, the list would be invalid: \(errors.errors.first.map(\.description) ?? "")")
        }
        do {
            try AllowListFile.save(text, to: path)
        } catch {
            throw SaveError(message: "cannot save \(error)")
        }
        onSaved(list)
    }

    struct SaveError: Error {
        var message: String
    }
}
