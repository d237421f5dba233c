import DockerEngine

/// The containers by ID, and how one engine event changes them. A pure value: the store owns one
/// and the tests drive it directly.
public struct ContainerTable: Sendable, Equatable {
    public private(set) var byID: [String: ContainerRecord] = [:]

    public init(_ records: [ContainerRecord] = []) {
        for record in records { byID[record.id] = record }
    }

    /// What applying an event did.
    public enum Effect: Sendable, Equatable {
        /// The table changed.
        case changed
        /// Nothing to change (not a container event, or an event that does not change what we show).
        case unchanged
        /// The event is about a container the table does not know (it was created while we were not
        /// looking, or this is its `create`): the caller inspects it and calls `upsert`.
        case needsInspect(id: String)
    }

    public mutating func upsert(_ record: ContainerRecord) -> Bool {
        guard byID[record.id] != record else { return false }
        byID[record.id] = record
        return true
    }

    @discardableResult
    public mutating func remove(id: String) -> Bool {
        byID.removeValue(forKey: id) != nil
    }

    /// Applies one `/events` message. Events carry enough to update a known container's state; an
    /// unknown container needs an inspect, since events do not carry its image ID.
    public mutating func apply(_ event: EngineEvent) -> Effect {
        guard event.type == "container" else { return .unchanged }
        let id = event.actor.id
        let verb = event.verb
        if verb == "destroy" { return remove(id: id) ? .changed : .unchanged }
        guard var record = byID[id] else {
            return Self.verbsThatMayIntroduce.contains(String(verb)) ? .needsInspect(id: id) : .unchanged
        }
        // After a reconnect the engine replays what happened since the last event seen, behind a
        // resync that already shows the newer state: an older event must not turn it back.
        if Self.isOlder(event, than: record) { return .unchanged }
        let time = EngineTimestamp.format(nanos: event.timeNano)
        switch verb {
        case "start", "restart":
            // Already running: an inspect made after the start got here first, with the engine's
            // own start time; the event's stamp would only differ in the last digits.
            if record.state == "running" { return .unchanged }
            record.state = "running"
            record.startedAt = time
            record.exitCode = nil
            if record.health != nil { record.health = "starting" }
        case "die":
            record.state = "exited"
            record.finishedAt = time
            record.exitCode = event.actor.attributes["exitCode"].flatMap { Int($0) }
        case "stop":
            if record.state == "running" || record.state == "paused" { record.state = "exited" }
        case "pause":
            record.state = "paused"
        case "unpause":
            record.state = "running"
        case "rename":
            // A rename from a name the container no longer has is history the table is past.
            if let old = event.actor.attributes["oldName"], "/" + old.trimmingPrefix("/") != record.name {
                return .unchanged
            }
            if let name = event.actor.attributes["name"] { record.name = "/" + name }
        case "health_status":
            record.health = event.detail
        case "update":
            return .needsInspect(id: id)
        default:
            // kill, oom, attach, exec_*, top, resize, …: the state changes, if at all, in a later event.
            return .unchanged
        }
        return upsert(record) ? .changed : .unchanged
    }

    /// Whether `event` happened before the record's latest start or stop (engine time both): it is
    /// about an earlier run that the record, from a later inspect or event, has already moved past.
    static func isOlder(_ event: EngineEvent, than record: ContainerRecord) -> Bool {
        let newest = [record.startedAt, record.finishedAt]
            .compactMap { $0.flatMap(EngineTimestamp.secondsSinceEpoch) }.max()
        guard let newest else { return false }
        // A microsecond's slack for the Double's rounding: an event of the same moment is not older.
        return Double(event.timeNano) / 1e9 < newest - 1e-6
    }

    /// Events after which an unknown container is worth inspecting.
    static let verbsThatMayIntroduce: Set<String> = [
        "create", "start", "restart", "die", "stop", "pause", "unpause", "rename", "health_status", "update",
    ]

    /// The records ordered by name, then ID, for stable output.
    public var sorted: [ContainerRecord] {
        byID.values.sorted { ($0.name, $0.id) < ($1.name, $1.id) }
    }
}
