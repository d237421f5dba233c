/// A role → style mapping, loaded from a YAML file in `themes/` (see ``ThemeCatalog``).
public struct Theme: Sendable, Equatable {
    public var name: String
    public var styles: [Role: Style]

    public init(name: String, styles: [Role: Style]) {
        self.name = name
        self.styles = styles
    }

    /// A role's style; roles the file leaves out look like ``Role/normal``.
    public func style(for role: Role) -> Style {
        styles[role] ?? styles[.normal] ?? Style()
    }
}
