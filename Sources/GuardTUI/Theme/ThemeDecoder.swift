internal import Yams

/// Turns a theme file's YAML tree into a ``Theme``. Every key is checked rather than skipped: a
/// misspelt role or colour would otherwise fall back to `normal` silently and look like a bug in
/// the dashboard.
struct ThemeDecoder {
    /// For messages only.
    let path: String

    func decode(_ root: Node?, defaultName: String) throws(ThemeError) -> Theme {
        guard let root else { throw invalid(nil, "the file is empty; expected 'name:' and 'roles:'") }
        guard let top = root.mapping else {
            throw invalid(nil, "expected 'name:' and 'roles:' at the top level, found \(kind(of: root))")
        }
        var name = defaultName
        var styles: [Role: Style]?
        for (keyNode, value) in top {
            switch try keyName(keyNode, in: nil) {
            case "name":
                guard let text = value.scalar?.string, !text.isEmpty, value.null == nil else {
                    throw invalid("name", "expected the theme's name as text, found \(kind(of: value))")
                }
                name = text
            case "roles":
                styles = try roles(value)
            case let other:
                throw invalid(other, "unknown key '\(other)' (expected name, roles)")
            }
        }
        guard let styles else { throw invalid("roles", "missing; a theme needs 'roles:' with at least one role") }
        return Theme(name: name, styles: styles)
    }

    private func roles(_ node: Node) throws(ThemeError) -> [Role: Style] {
        guard let mapping = node.mapping else {
            throw invalid("roles", "expected role: { fg, bg, attrs } entries, found \(kind(of: node))")
        }
        var styles: [Role: Style] = [:]
        for (keyNode, value) in mapping {
            let name = try keyName(keyNode, in: "roles")
            guard let role = Role(rawValue: name) else {
                let known = Role.allCases.map(\.rawValue).joined(separator: ", ")
                throw invalid("roles.\(name)", "unknown role '\(name)' (known: \(known))")
            }
            styles[role] = try style(value, key: "roles.\(name)")
        }
        return styles
    }

    private func style(_ node: Node, key: String) throws(ThemeError) -> Style {
        guard let mapping = node.mapping else {
            throw invalid(key, "expected { fg, bg, attrs }, found \(kind(of: node))")
        }
        var style = Style()
        for (keyNode, value) in mapping {
            let field = try keyName(keyNode, in: key)
            switch field {
            case "fg": style.foreground = try color(value, key: "\(key).fg")
            case "bg": style.background = try color(value, key: "\(key).bg")
            case "attrs": style.attributes = try attributes(value, key: "\(key).attrs")
            default: throw invalid("\(key).\(field)", "unknown key '\(field)' (expected fg, bg, attrs)")
            }
        }
        return style
    }

    private func color(_ node: Node, key: String) throws(ThemeError) -> ThemeColor {
        guard let text = node.scalar?.string, node.null == nil else {
            throw invalid(key, "expected a colour, found \(kind(of: node)) (\(ThemeColor.expectedSpelling))")
        }
        guard let color = ThemeColor(text) else {
            throw invalid(key, "'\(text)' is not a colour (\(ThemeColor.expectedSpelling))")
        }
        return color
    }

    private func attributes(_ node: Node, key: String) throws(ThemeError) -> TextAttributes {
        let names = TextAttributes.byName.map(\.0).joined(separator: ", ")
        guard let sequence = node.sequence else {
            throw invalid(key, "expected a list such as [bold, underline], found \(kind(of: node))")
        }
        var attributes: TextAttributes = []
        for (index, item) in sequence.enumerated() {
            guard let text = item.scalar?.string else {
                throw invalid("\(key)[\(index)]", "expected an attribute, found \(kind(of: item)) (expected \(names))")
            }
            guard let attribute = TextAttributes(name: text) else {
                throw invalid("\(key)[\(index)]", "'\(text)' is not an attribute (expected \(names))")
            }
            attributes.insert(attribute)
        }
        return attributes
    }

    private func keyName(_ node: Node, in parent: String?) throws(ThemeError) -> String {
        guard let name = node.scalar?.string else {
            throw invalid(parent, "keys must be plain names, found \(kind(of: node))")
        }
        return name
    }

    private func kind(of node: Node) -> String {
        if node.mapping != nil { return "a mapping" }
        if node.sequence != nil { return "a list" }
        if node.null != nil { return "nothing" }
        return "'\(node.scalar?.string ?? "")'"
    }

    private func invalid(_ key: String?, _ reason: String) -> ThemeError {
        ThemeError(kind: .invalid, path: path, key: key, reason: reason)
    }
}
