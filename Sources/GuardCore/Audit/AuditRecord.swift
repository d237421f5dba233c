/// One line of the audit log: a decision, and the action it led to if any.
public struct AuditRecord: Sendable, Encodable, Equatable {
    /// RFC 3339, UTC.
    public var time: String
    public var containerID: String
    public var containerName: String
    public var image: String
    /// What prompted the decision: `start`, `rename`, `unpause`, `resync`, `die` (keep-running), …
    public var event: String
    /// `allowed`, `violating` or `self` (dockerguard's own container, never acted on).
    public var verdict: String
    /// `path:line` of the rule that allowed it, or nil.
    public var rule: String?
    public var mode: String
    /// `stop`, `kill`, `remove`, `restart`, or nil when nothing was done.
    public var action: String?
    /// `done`, `failed`, `recorded` (audit), `pending` (confirm), `skipped`.
    public var result: String
    public var error: String?
    /// The profile's limits that failed (`privileged`, `mount of /`, …), when a rule matched who
    /// the container is but not how it runs; the key is left out otherwise.
    public var violations: [String]?
    /// The sentence that names them: `privileged is not allowed by profile baseline (…)`.
    public var reason: String?
    /// Milliseconds from the container's start to the guard's action done (acted-on records only).
    public var latencyMS: Int?

    public init(
        time: String, containerID: String, containerName: String, image: String, event: String, verdict: String,
        rule: String?, mode: String, action: String?, result: String, error: String? = nil,
        violations: [String]? = nil, reason: String? = nil, latencyMS: Int? = nil
    ) {
        self.latencyMS = latencyMS
        self.violations = violations
        self.reason = reason
        self.time = time
        self.containerID = containerID
        self.containerName = containerName
        self.image = image
        self.event = event
        self.verdict = verdict
        self.rule = rule
        self.mode = mode
        self.action = action
        self.result = result
        self.error = error
    }

    enum CodingKeys: String, CodingKey {
        case time, containerID = "container_id", containerName = "container_name", image, event, verdict, rule, mode
        case action, result, error, violations, reason, latencyMS = "latency_ms"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(time, forKey: .time)
        try container.encode(containerID, forKey: .containerID)
        try container.encode(containerName, forKey: .containerName)
        try container.encode(image, forKey: .image)
        try container.encode(event, forKey: .event)
        try container.encode(verdict, forKey: .verdict)
        try container.encode(rule, forKey: .rule)
        try container.encode(mode, forKey: .mode)
        try container.encode(action, forKey: .action)
        try container.encode(result, forKey: .result)
        try container.encode(error, forKey: .error)
        try container.encodeIfPresent(violations, forKey: .violations)
        try container.encodeIfPresent(reason, forKey: .reason)
        try container.encodeIfPresent(latencyMS, forKey: .latencyMS)
    }
}
