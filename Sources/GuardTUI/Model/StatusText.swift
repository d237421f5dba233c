import GuardCore

/// `docker ps`'s STATUS column: "Up 3 minutes (healthy)", "Exited (0) 2 hours ago", "Created".
public enum StatusText {
    public static func describe(_ record: ContainerRecord, now: Double) -> String {
        let started = record.startedAt.flatMap(EngineTimestamp.secondsSinceEpoch)
        let finished = record.finishedAt.flatMap(EngineTimestamp.secondsSinceEpoch)
        switch record.state {
        case "running":
            let up = started.map { "Up " + humanDuration(now - $0) } ?? "Up"
            return record.health.map { "\(up) (\($0))" } ?? up
        case "paused":
            return (started.map { "Up " + humanDuration(now - $0) } ?? "Up") + " (Paused)"
        case "restarting":
            return "Restarting (\(record.exitCode ?? 0))"
                + (finished.map { " " + humanDuration(now - $0) + " ago" } ?? "")
        case "exited":
            return "Exited (\(record.exitCode ?? 0))" + (finished.map { " " + humanDuration(now - $0) + " ago" } ?? "")
        case "created": return "Created"
        case ContainerRecord.refusedState:
            let refused = EngineTimestamp.secondsSinceEpoch(record.createdAt)
            return "Refused" + (refused.map { " " + humanDuration(now - $0) + " ago" } ?? "")
        case "removing": return "Removal In Progress"
        case "dead": return "Dead"
        default: return record.state.prefix(1).uppercased() + record.state.dropFirst()
        }
    }

    /// The engine's own wording (Go's `units.HumanDuration`), so the table reads like `docker ps`.
    public static func humanDuration(_ seconds: Double) -> String {
        let seconds = max(seconds, 0)
        let minutes = Int(seconds / 60)
        let hours = Int((seconds / 3600).rounded())
        switch seconds {
        case ..<1: return "Less than a second"
        case ..<2: return "1 second"
        case ..<60: return "\(Int(seconds)) seconds"
        default: break
        }
        if minutes == 1 { return "About a minute" }
        if minutes < 60 { return "\(minutes) minutes" }
        if hours == 1 { return "About an hour" }
        if hours < 48 { return "\(hours) hours" }
        if hours < 24 * 7 * 2 { return "\(hours / 24) days" }
        if hours < 24 * 30 * 2 { return "\(hours / 24 / 7) weeks" }
        if hours < 24 * 365 * 2 { return "\(hours / 24 / 30) months" }
        return "\(hours / 24 / 365) years"
    }

    /// How soon the status text of `record` can change, so an idle screen redraws only then.
    public static func refreshInterval(_ record: ContainerRecord, now: Double) -> Double {
        let changedAt =
            switch record.state {
            case "running": record.startedAt
            case ContainerRecord.refusedState: record.createdAt
            default: record.finishedAt
            }
        guard let started = changedAt.flatMap(EngineTimestamp.secondsSinceEpoch)
        else { return .infinity }
        return now - started < 60 ? 1 : 30
    }
}
