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
            let loadedAt: Double?

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
                loadedAt: current?.loadedAt))
    }
}
