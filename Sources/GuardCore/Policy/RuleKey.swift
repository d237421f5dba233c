/// The words a rule line may use before `=` (terms) or alone (the flag).
enum RuleKey: CaseIterable {
    case name, image, imageID, id, label, keepRunning

    /// As written in the file.
    var text: String {
        switch self {
        case .name: "name"
        case .image: "image"
        case .imageID: "image-id"
        case .id: "id"
        case .label: "label"
        case .keepRunning: "keep-running"
        }
    }

    var isFlag: Bool { self == .keepRunning }

    /// For messages about unknown keys.
    static let expected = "expected name, image, image-id, id, label or keep-running"

    /// The key spelled by `bytes`, compared byte by byte (cheap in debug builds, unlike `String`).
    init?(_ bytes: ByteSpan) {
        switch bytes.end - bytes.start {
        case 2 where bytes.equals("id"): self = .id
        case 4 where bytes.equals("name"): self = .name
        case 5 where bytes.equals("image"): self = .image
        case 5 where bytes.equals("label"): self = .label
        case 8 where bytes.equals("image-id"): self = .imageID
        case 12 where bytes.equals("keep-running"): self = .keepRunning
        default: return nil
        }
    }
}
