import GuardTUI
import Testing

/// Each kind of broken theme file, and what the message must point at.
struct BrokenTheme: Sendable, CustomTestStringConvertible {
    var label: String
    var yaml: String
    var kind: ThemeError.Kind = .invalid
    /// The key the message names; nil when the whole file is at fault.
    var key: String?
    /// Part of the reason.
    var says: String

    var testDescription: String { label }

    static let all: [BrokenTheme] = [
        .init(
            label: "unknown role", yaml: "roles:\n  selektion: { fg: red }\n", key: "roles.selektion",
            says: "unknown role 'selektion'"),
        .init(
            label: "unknown key in a role", yaml: "roles:\n  selection: { fg: red, colour: blue }\n",
            key: "roles.selection.colour", says: "expected fg, bg, attrs"),
        .init(
            label: "misspelt colour", yaml: "roles:\n  selection: { fg: purpul }\n", key: "roles.selection.fg",
            says: "'purpul' is not a colour (expected default, black, red"),
        .init(
            label: "palette index out of range", yaml: "roles:\n  header: { bg: 256 }\n", key: "roles.header.bg",
            says: "'256' is not a colour"),
        .init(
            label: "bright form of no colour", yaml: "roles:\n  header: { bg: bright-pink }\n", key: "roles.header.bg",
            says: "'bright-pink' is not a colour"),
        .init(
            label: "colour left empty", yaml: "roles:\n  header: { fg: }\n", key: "roles.header.fg",
            says: "expected a colour, found nothing"),
        .init(
            label: "colour as a list", yaml: "roles:\n  header: { fg: [red] }\n", key: "roles.header.fg",
            says: "expected a colour, found a list"),
        .init(
            label: "unknown attribute", yaml: "roles:\n  violating: { attrs: [bold, blink] }\n",
            key: "roles.violating.attrs[1]",
            says: "'blink' is not an attribute (expected bold, dim, underline, reverse)"),
        .init(
            label: "attributes not a list", yaml: "roles:\n  violating: { attrs: bold }\n",
            key: "roles.violating.attrs", says: "expected a list such as [bold, underline]"),
        .init(
            label: "role as a single value", yaml: "roles:\n  selection: red\n", key: "roles.selection",
            says: "expected { fg, bg, attrs }, found 'red'"),
        .init(label: "role left empty", yaml: "roles:\n  selection:\n", key: "roles.selection", says: "found nothing"),
        .init(label: "roles as a list", yaml: "roles: [header, selection]\n", key: "roles", says: "found a list"),
        .init(label: "roles missing", yaml: "name: lonely\n", key: "roles", says: "missing"),
        .init(
            label: "unknown top-level key", yaml: "name: x\ncolours: {}\nroles: {}\n", key: "colours",
            says: "unknown key 'colours' (expected name, roles)"),
        .init(
            label: "name as a list", yaml: "name: [a, b]\nroles: {}\n", key: "name",
            says: "expected the theme's name as text"),
        .init(label: "empty file", yaml: "", says: "the file is empty"),
        .init(label: "only comments", yaml: "# nothing here\n", says: "the file is empty"),
        .init(label: "garbage", yaml: "this is not a theme\n", says: "found 'this is not a theme'"),
        .init(label: "top level a list", yaml: "- header\n- selection\n", says: "found a list"),
        .init(
            label: "unclosed flow mapping", yaml: "roles:\n  header: { fg: red\n", kind: .syntax,
            says: "invalid YAML at line"),
        .init(
            label: "bad indentation", yaml: "roles:\n  header: { fg: red }\n bad: x\n", kind: .syntax,
            says: "invalid YAML at line 3"),
        .init(
            label: "duplicate role", yaml: "roles:\n  header: {}\n  header: {}\n", kind: .syntax, key: "header",
            says: "duplicate key 'header'"),
    ]
}

@Suite struct ThemeErrorTests {
    @Test(arguments: BrokenTheme.all)
    func namesTheFileAndTheKey(_ broken: BrokenTheme) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try directory.write("broken.yaml", broken.yaml)
        let error = #expect(throws: ThemeError.self) { try Theme(contentsOfFile: path) }
        guard let error else { return }
        #expect(error.kind == broken.kind)
        #expect(error.path == path)
        #expect(error.key == broken.key)
        #expect(error.description.contains(broken.says), "\(error)")
        let prefix = [path, broken.key].compactMap { $0 }.joined(separator: ": ") + ": "
        #expect(error.description.hasPrefix(prefix), "\(error)")
    }

    @Test func messageReadsAsPathKeyReason() {
        let error = ThemeError(
            kind: .invalid, path: "themes/broken.yaml", key: "roles.selection.fg", reason: "'purpul' is not a colour")
        #expect(error.description == "themes/broken.yaml: roles.selection.fg: 'purpul' is not a colour")
        #expect(ThemeError(kind: .syntax, path: "a.yaml", reason: "invalid YAML").description == "a.yaml: invalid YAML")
    }
}
