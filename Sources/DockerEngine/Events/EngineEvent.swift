/// One message of the engine's `/events` stream.
public struct EngineEvent: Sendable, Hashable, Decodable {
    /// `container`, `image`, `network`, …
    public var type: String
    /// The verb, possibly with a detail after a colon: `start`, `health_status: healthy`, `exec_start: sh`.
    public var action: String
    public var actor: Actor
    /// Nanoseconds since the epoch, as the engine stamped it.
    public var timeNano: Int64

    public struct Actor: Sendable, Hashable, Decodable {
        public var id: String
        /// For containers: `name` (without the `/`), `image`, the labels, and for some events more
        /// (`exitCode` on `die`, `oldName` on `rename`).
        public var attributes: [String: String]

        public init(id: String, attributes: [String: String]) {
            self.id = id
            self.attributes = attributes
        }

        enum CodingKeys: String, CodingKey { case id = "ID", attributes = "Attributes" }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.decodeIfPresent(String.self, forKey: .id) ?? ""
            attributes = try container.decodeIfPresent([String: String].self, forKey: .attributes) ?? [:]
        }
    }

    public init(type: String, action: String, actor: Actor, timeNano: Int64) {
        self.type = type
        self.action = action
        self.actor = actor
        self.timeNano = timeNano
    }

    /// The verb without its detail: `health_status: healthy` → `health_status`.
    public var verb: Substring {
        action.prefix { $0 != ":" }
    }

    /// The detail after the colon, if any: `health_status: healthy` → `healthy`.
    public var detail: String? {
        guard let colon = action.firstIndex(of: ":") else { return nil }
        return action[action.index(after: colon)...].trimmingPrefix(" ").description
    }

    enum CodingKeys: String, CodingKey {
        case type = "Type", action = "Action", actor = "Actor", timeNano, time, status, id
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        // Engines before API 1.22 sent only `status` and `id`; keep reading them as a fallback.
        type = try container.decodeIfPresent(String.self, forKey: .type) ?? "container"
        action =
            try container.decodeIfPresent(String.self, forKey: .action)
            ?? container.decode(String.self, forKey: .status)
        if let actor = try container.decodeIfPresent(Actor.self, forKey: .actor) {
            self.actor = actor
        } else {
            self.actor = Actor(id: try container.decode(String.self, forKey: .id), attributes: [:])
        }
        if let nanos = try container.decodeIfPresent(Int64.self, forKey: .timeNano) {
            timeNano = nanos
        } else {
            timeNano = (try container.decodeIfPresent(Int64.self, forKey: .time) ?? 0) * 1_000_000_000
        }
    }

    /// The `since` value that resumes the stream at this event (`seconds.nanoseconds`).
    public var sinceParameter: String {
        EngineEvent.sinceParameter(nanos: timeNano)
    }

    public static func sinceParameter(nanos: Int64) -> String {
        let seconds = nanos / 1_000_000_000
        let fraction = String(nanos % 1_000_000_000)
        return "\(seconds)." + String(repeating: "0", count: 9 - fraction.count) + fraction
    }
}
