import DockerEngine
import GuardCore

/// Records and events for tests that need no engine.
enum Fixtures {
    static func record(
        _ name: String, id: String? = nil, state: String = "running", health: String? = nil
    ) -> ContainerRecord {
        ContainerRecord(
            id: id ?? String(repeating: name.first.map(String.init) ?? "0", count: 64),
            name: "/" + name, imageRef: "busybox:local",
            imageID: "sha256:" + String(repeating: "ab", count: 32), state: state,
            createdAt: "2026-11-25T10:00:00.000000001Z", startedAt: state == "running" ? "2026-11-25T10:00:01.5Z" : nil,
            health: health)
    }

    static func event(
        _ action: String, id: String, attributes: [String: String] = [:], nanos: Int64 = 1_795_649_283_392_100_919,
        type: String = "container"
    ) -> EngineEvent {
        EngineEvent(type: type, action: action, actor: .init(id: id, attributes: attributes), timeNano: nanos)
    }
}
