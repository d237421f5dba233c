/// A `docker run` (create) the plugin refused in confirm mode, kept so that the dashboard can show
/// it as a pending row: the operator allows it there (`a`), and the same command then succeeds.
public struct RefusedCreate: Sendable, Hashable, Identifiable {
    /// What was asked for: the name (empty when the engine was to pick one), image and labels.
    public var subject: MatchSubject
    /// What the user's `docker` command printed.
    public var message: String
    /// Wall-clock seconds of the first and the latest refusal of the same name and image.
    public var firstRefusedAt: Double
    public var lastRefusedAt: Double
    /// How many times the same create was refused.
    public var attempts: Int

    public init(subject: MatchSubject, message: String, at time: Double) {
        self.subject = subject
        self.message = message
        firstRefusedAt = time
        lastRefusedAt = time
        attempts = 1
    }

    /// One row per name and image: asking again counts an attempt instead of adding a row.
    public var id: String { "refused:\(subject.name)@\(subject.imageRef)" }

    /// How long a refusal stays a question for the operator (seconds).
    public static let lifetime: Double = 600

    /// Whether it is still a question at `now` (wall-clock seconds).
    public func isCurrent(now: Double) -> Bool { now - lastRefusedAt <= Self.lifetime }
}

/// The creates refused in confirm mode, newest last. Bounded, and entries expire: a row that no
/// one acted on for long is no longer a question. A create of the same name and image that is
/// allowed later ends its entry.
public final class RefusedCreates: Sendable {
    public let entries = Observed<[RefusedCreate]>([])
    private let capacity: Int

    public init(capacity: Int = 100) {
        self.capacity = capacity
    }

    func refused(_ subject: MatchSubject, message: String, at time: Double = WallClock.seconds()) {
        let refusal = RefusedCreate(subject: Self.keyed(subject), message: message, at: time)
        entries.update { entries in
            entries.removeAll { !$0.isCurrent(now: time) }
            if let index = entries.firstIndex(where: { $0.id == refusal.id }) {
                var again = entries.remove(at: index)
                again.lastRefusedAt = time
                again.attempts += 1
                again.message = message
                entries.append(again)
            } else {
                entries.append(refusal)
            }
            if entries.count > capacity { entries.removeFirst(entries.count - capacity) }
        }
    }

    func allowed(_ subject: MatchSubject) {
        let id = RefusedCreate(subject: Self.keyed(subject), message: "", at: 0).id
        guard entries.value.contains(where: { $0.id == id }) else { return }
        entries.update { $0.removeAll { $0.id == id } }
    }

    /// The name as the store spells it (with its `/`), so rows and audit lines agree.
    private static func keyed(_ subject: MatchSubject) -> MatchSubject {
        var subject = subject
        if !subject.name.isEmpty, !subject.name.hasPrefix("/") { subject.name = "/" + subject.name }
        return subject
    }
}
