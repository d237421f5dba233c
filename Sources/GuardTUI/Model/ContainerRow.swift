import GuardCore

/// One line of the container table: a container and how the allow-list judges it.
public struct ContainerRow: Sendable, Equatable, Identifiable {
    public var record: ContainerRecord
    public var verdict: RowVerdict
    /// Set while the allow-list is being edited: what the unsaved list would make of it.
    public var preview: PreviewFlip?
    /// An action on it is under way.
    public var isActing: Bool
    /// Set on the row of a create the authorization plugin refused: no container exists, and
    /// `record` only describes what was asked for (state `refused`).
    public var refusal: RefusedCreate?
    /// A rule matches who it is but the profile does not allow how it runs: the failed limits,
    /// the sentence that names them, and the terms that would lift them.
    public var violations: [RuntimeViolation] = []
    public var limitReason: String?
    public var liftingTerms: [RuleTerm] = []
    /// Set on a Compose project's header row (`P`): no container, the project's counts.
    public var group: ProjectGroup?

    public init(
        record: ContainerRecord, verdict: RowVerdict, preview: PreviewFlip? = nil, isActing: Bool = false,
        refusal: RefusedCreate? = nil
    ) {
        self.refusal = refusal
        self.record = record
        self.verdict = verdict
        self.preview = preview
        self.isActing = isActing
    }

    public var id: String { record.id }

    /// A row for a refused create: what was asked for, judged by the list in force like any other.
    init(refusal: RefusedCreate, verdict: RowVerdict) {
        let subject = refusal.subject
        let record = ContainerRecord(
            id: refusal.id, name: subject.name, imageRef: subject.imageRef, imageID: subject.imageID,
            state: ContainerRecord.refusedState,
            createdAt: EngineTimestamp.format(nanos: Int64(refusal.lastRefusedAt * 1e9)), labels: subject.labels)
        self.init(record: record, verdict: verdict, refusal: refusal)
    }
}

extension ContainerRecord {
    /// The state shown for a create the plugin refused: it never became a container.
    public static let refusedState = "refused"
}

/// The dashboard's verdict on a container.
public enum RowVerdict: Sendable, Equatable {
    /// A rule allows it; the rule and its `path:line`.
    case allowed(rule: AllowRule, location: String)
    /// Running (or paused, or restarting) with no rule allowing it.
    case violating
    /// Violating, held for the operator in confirm mode.
    case pending
    /// Stopped (exited, created, dead) with no rule allowing it: not a violation now, but it would
    /// be one if started.
    case notAllowed
    /// No valid allow-list has been loaded yet: nothing to judge by.
    case unknown

    public var isAllowed: Bool {
        if case .allowed = self { true } else { false }
    }

    /// Violating or pending: a container running against the allow-list.
    public var isViolating: Bool { self == .violating || self == .pending }

    /// A word for the verdict, so that colour is never the only signal.
    public var word: String {
        switch self {
        case .allowed: "allowed"
        case .violating: "violating"
        case .pending: "pending"
        case .notAllowed: "not allowed"
        case .unknown: "unknown"
        }
    }

    /// Why: `allowed by path:3 (name=web-*)`, `no rule matches`, or why nothing is judged.
    public var reason: String {
        switch self {
        case .allowed(let rule, let location): "allowed by \(location) (\(rule.text))"
        case .violating: "no rule matches"
        case .pending: "no rule matches; waiting for the operator (confirm mode)"
        case .notAllowed: "no rule matches; stopped, so not a violation now (it would be one if started)"
        case .unknown: "no valid allow-list loaded"
        }
    }
}

/// How the unsaved allow-list would change a container's verdict.
public enum PreviewFlip: Sendable, Equatable {
    /// Allowed now, violating under the edited list.
    case wouldViolate
    /// Allowed now; under the edited list a violation held for the operator (confirm mode).
    case wouldHold
    /// Allowed now, stopped: under the edited list no rule would allow it.
    case wouldDisallow
    /// Not allowed now, allowed under the edited list.
    case wouldAllow
}
