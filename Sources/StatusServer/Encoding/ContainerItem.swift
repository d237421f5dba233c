import GuardCore

/// One entry of `/containers`. The first four keys are the original tool's contract and keep its
/// meaning; the rest were added after it and are only ever added to, never renamed or removed.
struct ContainerItem: Encodable {
    let record: ContainerRecord
    /// Nil when no allow-list is in force (then `allowed` and `rule` are null).
    let decision: Decision?

    enum CodingKeys: String, CodingKey {
        // The original contract.
        case containerID = "container_id", containerName = "container_name", image, status
        // Additions.
        case name, imageRef = "image_ref", state, createdAt = "created_at", startedAt = "started_at"
        case finishedAt = "finished_at", exitCode = "exit_code", health, labels, command
        case restartPolicy = "restart_policy", allowed, rule, violations, reason
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(record.id, forKey: .containerID)
        try container.encode(record.name, forKey: .containerName)  // with the leading "/", as inspect shows it
        try container.encode(record.imageID, forKey: .image)  // the image ID, not the reference
        try container.encode(record.state, forKey: .status)
        try container.encode(record.displayName, forKey: .name)
        try container.encode(record.imageRef, forKey: .imageRef)
        try container.encode(record.state, forKey: .state)
        try container.encode(record.createdAt, forKey: .createdAt)
        // Absent values are null rather than missing, so every item has the same keys.
        try container.encode(record.startedAt, forKey: .startedAt)
        try container.encode(record.finishedAt, forKey: .finishedAt)
        try container.encode(record.exitCode, forKey: .exitCode)
        try container.encode(record.health, forKey: .health)
        try container.encode(record.labels, forKey: .labels)
        try container.encode(record.command, forKey: .command)
        try container.encode(record.restartPolicy, forKey: .restartPolicy)
        try container.encode(decision?.isAllowed, forKey: .allowed)
        try container.encode(decision?.rule?.location, forKey: .rule)
        // The profile's limits that failed, in words: `[]` when none did (null with no list).
        try container.encode(decision.map { $0.violations.map(ViolationItem.init) }, forKey: .violations)
        try container.encode(decision?.reason, forKey: .reason)
    }
}

/// One failed limit of `violations`: what failed, the CIS Docker Benchmark item, the term that
/// would lift it, and the sentence that names the rule.
struct ViolationItem: Encodable {
    let limit: String
    let cis: String
    let lift: String?

    init(_ violation: RuntimeViolation) {
        limit = violation.description
        cis = violation.cisItem
        lift = violation.liftingTerm.map(AllowRule.render(term:))
    }
}
