import GuardCore
import Hummingbird

/// `GET /allowlist`: the rules in force, where they came from, and why the file on disk is not in
/// force when it is not.
enum AllowListRoute {
    static func respond(_ policy: PolicyState?) -> Response {
        struct Rule: Encodable {
            let location: String
            let text: String
            let keepRunning: Bool
            enum CodingKeys: String, CodingKey { case location, text, keepRunning = "keep_running" }
        }
        struct Body: Encodable {
            let path: String?
            let loaded: Bool
            let rules: [Rule]
            let error: String?
            /// RFC 3339 in UTC, as every other time of the API.
            let loadedAt: String?

            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(path, forKey: .path)
                try container.encode(loaded, forKey: .loaded)
                try container.encode(rules, forKey: .rules)
                try container.encode(error, forKey: .error)
                try container.encode(loadedAt, forKey: .loadedAt)
            }
            enum CodingKeys: String, CodingKey { case path, loaded, rules, error, loadedAt = "loaded_at" }
        }
        let current = policy?.current
        let list = current?.allowList
        let rules = (list?.rules ?? []).map { rule in
            Rule(location: rule.location, text: rule.text, keepRunning: rule.keepRunning)
        }
        return JSONBody.response(
            .ok,
            Body(
                path: current?.path, loaded: list != nil, rules: rules, error: current?.loadError,
                loadedAt: current?.loadedAt.map(Self.timestamp)))
    }

    /// Wall-clock seconds as RFC 3339; whole seconds and the fraction apart, so that no digits are
    /// lost to a Double's precision (1796153175.25 s is 1796153175249999872 ns as one product).
    static func timestamp(_ seconds: Double) -> String {
        let whole = seconds.rounded(.down)
        return EngineTimestamp.format(nanos: Int64(whole) * 1_000_000_000 + Int64(((seconds - whole) * 1e9).rounded()))
    }
}
