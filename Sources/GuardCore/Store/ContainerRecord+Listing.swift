import DockerEngine

extension ContainerRecord {
    /// Whether the engine's listing of this container shows nothing an inspect would change here:
    /// its name, state, image, labels, health and exit code. A periodic resync inspects only the
    /// containers whose listing disagrees (a restart the events missed, which keeps the state
    /// `running`, is found by the full resync that every few periods makes).
    public func agrees(with summary: ContainerSummary) -> Bool {
        guard summary.id == id, summary.state == state, summary.imageID == imageID,
            summary.names.contains(name), (summary.labels ?? [:]) == labels
        else { return false }
        let status = summary.status ?? ""
        if state == "running", Self.health(inStatus: status) != health { return false }
        if state == "exited", let code = Self.exitCode(inStatus: status), code != exitCode { return false }
        return true
    }

    /// `Up 3 minutes (healthy)` → `healthy`; `(health: starting)` → `starting`; none → nil.
    static func health(inStatus status: String) -> String? {
        if status.hasSuffix("(healthy)") { return "healthy" }
        if status.hasSuffix("(unhealthy)") { return "unhealthy" }
        if status.hasSuffix("(health: starting)") { return "starting" }
        return nil
    }

    /// `Exited (137) 5 seconds ago` → 137.
    static func exitCode(inStatus status: String) -> Int? {
        guard status.hasPrefix("Exited ("), let close = status.firstIndex(of: ")") else { return nil }
        return Int(status[status.index(status.startIndex, offsetBy: 8)..<close])
    }
}
