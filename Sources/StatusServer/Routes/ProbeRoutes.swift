import GuardCore
import Hummingbird

/// `/`, `/healthz` and `/readyz`: small answers about the process and its engine link.
enum ProbeRoutes {
    /// What the API offers; `api.path` is the original tool's discovery key.
    static func index(version: String) -> Response {
        struct Index: Encodable {
            struct API: Encodable {
                let path: String
                let endpoints: [String]
            }
            let api: API
            let name: String
            let version: String
        }
        return JSONBody.response(
            .ok,
            Index(
                api: .init(
                    path: "/containers", endpoints: ["/containers", "/allowlist", "/metrics", "/healthz", "/readyz"]),
                name: "dockerguard", version: version))
    }

    /// Alive: the process answers. It does not depend on the engine, so an orchestrator does not
    /// restart the guard for the engine's outages.
    /// The body also carries the allow-list's load error, so a broken file is visible to whoever
    /// watches health, without failing the probe (the last good list is still guarding).
    static func health(allowListError: String?) -> Response {
        struct Health: Encodable {
            let status = "ok"
            let allowListError: String?
            enum CodingKeys: String, CodingKey { case status, allowListError = "allowlist_error" }
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(status, forKey: .status)
                try container.encode(allowListError, forKey: .allowListError)
            }
        }
        return JSONBody.response(.ok, Health(allowListError: allowListError))
    }

    /// Ready: connected to the engine and synchronised at least once.
    static func ready(_ snapshot: ContainerSnapshot) -> Response {
        struct Ready: Encodable {
            let ready: Bool
            let reason: String?
            let engine: EngineBody
            let synced: Bool

            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(ready, forKey: .ready)
                try container.encode(reason, forKey: .reason)
                try container.encode(engine, forKey: .engine)
                try container.encode(synced, forKey: .synced)
            }
            enum CodingKeys: String, CodingKey { case ready, reason, engine, synced }
        }
        let reason: String? =
            if let error = snapshot.engine.connection.lastError, error.hasPrefix("engine not answering") {
                error  // a hung engine: `engine not answering for 12 s`
            } else if !snapshot.engine.connection.isConnected {
                "engine not connected" + (snapshot.engine.connection.lastError.map { ": \($0)" } ?? "")
            } else if !snapshot.isSynced {
                "first synchronisation with the engine not done"
            } else {
                nil
            }
        let body = Ready(
            ready: reason == nil, reason: reason, engine: EngineBody(status: snapshot.engine), synced: snapshot.isSynced
        )
        return JSONBody.response(reason == nil ? .ok : .serviceUnavailable, body)
    }
}
