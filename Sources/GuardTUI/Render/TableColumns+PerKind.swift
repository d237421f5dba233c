extension TableColumns {
    /// One value for every kind of column, stored, so that reading one cannot miss.
    struct PerKind<Value: Equatable>: Equatable {
        var name: Value
        var image: Value
        var status: Value
        var id: Value
        var rule: Value
        var cpu: Value
        var memory: Value

        init(name: Value, image: Value, status: Value, id: Value, rule: Value, cpu: Value, memory: Value) {
            self.cpu = cpu
            self.memory = memory
            self.name = name
            self.image = image
            self.status = status
            self.id = id
            self.rule = rule
        }

        init(_ value: (Kind) -> Value) {
            self.init(
                name: value(.name), image: value(.image), status: value(.status), id: value(.id), rule: value(.rule),
                cpu: value(.cpu), memory: value(.memory))
        }

        subscript(kind: Kind) -> Value {
            get {
                switch kind {
                case .name: name
                case .image: image
                case .status: status
                case .id: id
                case .rule: rule
                case .cpu: cpu
                case .memory: memory
                }
            }
            set {
                switch kind {
                case .name: name = newValue
                case .image: image = newValue
                case .status: status = newValue
                case .id: id = newValue
                case .rule: rule = newValue
                case .cpu: cpu = newValue
                case .memory: memory = newValue
                }
            }
        }
    }
}
