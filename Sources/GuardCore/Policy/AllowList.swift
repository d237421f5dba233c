/// The parsed allow-list: a container may run when any rule matches it.
///
/// The file holds one rule per line; the terms on a line must all match. See ``RuleTerm`` for the
/// keys, ``ImagePattern`` for how images are compared, ``Glob`` for the wildcards.
public struct AllowList: Sendable, Equatable {
    /// The file the list came from, as used in `path:line` locations.
    public let path: String
    /// The rules, in file order.
    public let rules: [AllowRule]
    /// The file's lines, comments and blank lines included, for editing and saving.
    public let document: AllowListDocument
    /// How the rules' containers may run, unless a rule's `profile=` says otherwise.
    public private(set) var profile: SecurityProfile = .defaultProfile

    /// The same rules judged under `profile`.
    public func with(profile: SecurityProfile) -> AllowList {
        var list = self
        list.profile = profile
        return list
    }

    /// Files larger than this are refused: an allow-list is a few kilobytes, anything bigger is a mistake.
    public static let defaultMaxBytes = 4 << 20

    /// No rules: nothing is allowed.
    public static let empty = AllowList(path: "", rules: [], document: AllowListDocument())

    init(path: String, rules: [AllowRule], document: AllowListDocument) {
        self.path = path
        self.rules = rules
        self.document = document
    }

    /// Parses `text`; on failure returns every problem in the file.
    public static func parse(
        _ text: String, path: String, maxBytes: Int = defaultMaxBytes
    ) -> Result<AllowList, AllowListErrors> {
        var text = text
        return text.withUTF8 { parse(buffer: $0, path: path, maxBytes: maxBytes) }
    }

    /// Parses the raw bytes of a file: a UTF-8 byte order mark is skipped, invalid UTF-8 is an error.
    public static func parse(
        bytes: [UInt8], path: String, maxBytes: Int = defaultMaxBytes
    ) -> Result<AllowList, AllowListErrors> {
        bytes.withUnsafeBufferPointer { parse(buffer: $0, path: path, maxBytes: maxBytes) }
    }

    /// Reads and parses the file at `path`; an unreadable file is reported like a parse error.
    public static func load(path: String, maxBytes: Int = defaultMaxBytes) -> Result<AllowList, AllowListErrors> {
        do {
            return parse(bytes: try AllowListFile.read(path: path, maxBytes: maxBytes), path: path, maxBytes: maxBytes)
        } catch {
            return .failure(AllowListErrors([AllowListError(path: path, line: 0, column: 0, message: error.message)]))
        }
    }

    private static func parse(
        buffer: UnsafeBufferPointer<UInt8>, path: String, maxBytes: Int
    ) -> Result<AllowList, AllowListErrors> {
        guard buffer.count <= maxBytes else {
            let message = AllowListFileError.tooLargeMessage(size: buffer.count, limit: maxBytes)
            return .failure(AllowListErrors([AllowListError(path: path, line: 0, column: 0, message: message)]))
        }
        var parser = AllowListParser(path: path)
        parser.parse(buffer)
        guard parser.errors.isEmpty else { return .failure(AllowListErrors(parser.errors)) }
        return .success(AllowList(path: path, rules: parser.rules, document: parser.document))
    }

    /// Whether `subject` may run and which rule says so. A rule allows a container when its terms
    /// match who the container is and the profile (the rule's own `profile=`, else the list's),
    /// less the limits the rule lifts, allows how it runs. Among allowing rules the first with
    /// `keep-running` wins, so that flag applies whenever any allowing rule asks for it;
    /// otherwise the first in file order. When rules match but none allows how it runs, the
    /// first of them tells which limits failed.
    public func verdict(for subject: MatchSubject) -> Verdict {
        let prepared = PreparedSubject(subject)
        var firstMatch: AllowRule?
        var firstLimited: Verdict?
        for rule in rules where (firstMatch == nil || rule.keepRunning) && rule.matches(prepared) {
            let profile = rule.lifts.profile ?? profile
            var failed = prepared.violations(under: profile)
            if !failed.isEmpty {
                failed.removeAll(where: rule.lifts.lifts)
                if !failed.isEmpty {
                    if firstLimited == nil {
                        firstLimited = .limited(
                            rule: rule, location: rule.location, profile: profile, violations: failed)
                    }
                    continue
                }
            }
            if rule.keepRunning { return .allowed(rule: rule, location: rule.location) }
            firstMatch = firstMatch ?? rule
        }
        return firstMatch.map { .allowed(rule: $0, location: $0.location) } ?? firstLimited ?? .violating
    }
}
