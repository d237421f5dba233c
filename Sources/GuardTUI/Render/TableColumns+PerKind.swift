extension TableColumns {
    /// One value for every kind of column, stored, so that reading one cannot miss.
    struct PerKind<Value: Equatable>: Equatable {
        var name: Value
        var image: Value
        var status: Value
        var id: Value
        var rule: Value

        init(name: Value, image: Value, status: Value, id: Value, rule: Value) {
            self.name = name
            self.image = image
            self.status = status
            self.id = id
            self.rule = rule
        }

        init(_ value: (Kind) -> Value) {
            self.init(
                name: value(.name), image: value(.image), status: value(.status), id: value(.id), rule: value(.rule))
        }

        subscript(kind: Kind) -> Value {
            get {
                switch kind {
                case .name: name
                case .image: image
                case .status: status
                case .id: id
                case .rule: rule
                }
            }
            set {
                switch kind {
                case .name: name = newValue
                case .image: image = newValue
                case .status: status = newValue
                case .id: id = newValue
                case .rule: rule = newValue
                }
            }
        }
    }
}
