/// Why a theme could not be used. The dashboard shows it on the status bar and carries on with
/// the built-in default, so the message alone must tell the operator which file and which key to fix.
public struct ThemeError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// No theme of that name in any theme directory, or no file at the given path.
        case notFound
        /// The file exists but cannot be read as UTF-8 text.
        case unreadable
        /// Not YAML at all: the parser gave up.
        case syntax
        /// Valid YAML that is not a theme: unknown key, bad colour, wrong type, …
        case invalid
    }

    public var kind: Kind
    /// The theme file, or for ``Kind/notFound`` with a bare name, that name.
    public var path: String
    /// Dotted path to the offending key, e.g. `roles.selection.fg`; nil when the whole file is at fault.
    public var key: String?
    public var reason: String

    public init(kind: Kind, path: String, key: String? = nil, reason: String) {
        self.kind = kind
        self.path = path
        self.key = key
        self.reason = reason
    }

    /// `themes/broken.yaml: roles.selection.fg: 'purpul' is not a colour (…)`
    public var description: String {
        ([path] + (key.map { [$0] } ?? []) + [reason]).joined(separator: ": ")
    }
}
