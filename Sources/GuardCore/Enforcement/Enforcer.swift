import DockerEngine
import Logging
import ServiceLifecycle

/// Judges every container the moment the store shows it running (a start, rename or unpause, or
/// found by a resync) and, by mode, records it, holds it for an operator, or acts on it.
///
/// It works from snapshots rather than raw events, so a container started while the guard was
/// disconnected is judged by the resync exactly like one seen through its `start` event.
public actor Enforcer {
    public struct Settings: Sendable {
        public var mode: EnforcementMode
        public var action: EnforcementAction
        /// Seconds between SIGTERM and SIGKILL for `stop`.
        public var stopTimeout: Int
        /// Whether an operator is there to answer `confirm` (the TUI); headless, confirm records only.
        public var interactive: Bool
        /// Never change anything on the engine: every mode records only, keep-running restarts nothing.
        public var readonly: Bool
        public var keepRunningBackoff = Backoff(initial: .seconds(1), maximum: .seconds(300), jitter: 0)

        public init(
            mode: EnforcementMode, action: EnforcementAction, stopTimeout: Int, interactive: Bool = false,
            readonly: Bool = false
        ) {
            self.mode = mode
            self.action = action
            self.stopTimeout = stopTimeout
            self.interactive = interactive
            self.readonly = readonly
        }
    }

    let client: any EnforcerEngine
    let store: ContainerStore
    let policy: PolicyState
    let audit: AuditLog
    let aliases: ImageAliases
    /// What the process sees of its own container; matched against the engine at the first sync.
    let selfProbe: SelfProbe
    /// Which container is the guard's own: nil until the first full list settles it. Nothing is
    /// judged or acted on before then.
    public private(set) var selfIdentity: SelfIdentity?
    var selfID: String? { selfIdentity?.id }
    let metrics: GuardMetrics
    /// Where actions run: the guard's own executor, so a busy API does not delay them.
    let executor: DedicatedExecutor?
    let logger: Logger
    public private(set) var settings: Settings

    /// What was last judged of each container, so one state is judged once.
    private var judged: [String: JudgedState] = [:]
    /// Containers with an action under way: never two at once on one container.
    private var inFlight: Set<String> = []
    /// Containers the guard itself stopped: keep-running must not bring them back.
    private var stoppedByGuard: Set<String> = []
    /// Running containers judged violating, each counted once in `violations_total` when it
    /// entered violation (a start, an unpause, a rename or a reload that made it violating):
    /// re-judging one that stays violating (a mode switch, a resync, a reload) counts nothing.
    /// Keyed by container ID, the start time of the run found in violation.
    private var violating: [String: String] = [:] {
        // Not `oldValue`: naming it copies the whole dictionary on every change (quadratic in a
        // first judging of thousands of containers, issue 16).
        didSet {
            if violating.count != violatingReported {
                violatingReported = violating.count
                metrics.violationsNow(violating.count)
            }
        }
    }
    private var violatingReported = 0
    /// Violations waiting for an operator (confirm mode).
    public private(set) var pending: Set<String> = [] {
        didSet { if pending != oldValue { status.update { [pending] in $0.pending = pending } } }
    }
    /// Containers with an action under way, as the dashboard shows them.
    private var acting: Set<String> = [] {
        didSet { status.update { [acting] in $0.acting = acting } }
    }
    /// Mode, pending violations and the last action, readable from any thread.
    public nonisolated let status: Observed<EnforcerStatus>
    private var restarts: [String: KeepRunningState] = [:]

    public init(
        client: any EnforcerEngine, store: ContainerStore, policy: PolicyState, audit: AuditLog, aliases: ImageAliases,
        settings: Settings, selfProbe: SelfProbe, metrics: GuardMetrics = GuardMetrics(),
        executor: DedicatedExecutor? = nil, logger: Logger
    ) {
        self.metrics = metrics
        self.executor = executor
        self.client = client
        self.store = store
        self.policy = policy
        self.audit = audit
        self.aliases = aliases
        self.settings = settings
        self.status = Observed(
            EnforcerStatus(mode: settings.mode, action: settings.action, readonly: settings.readonly))
        self.selfProbe = selfProbe
        self.logger = logger
    }

    public func setMode(_ mode: EnforcementMode) async {
        settings.mode = mode
        if mode != .confirm { pending.removeAll() }
        status.update { $0.mode = mode }
        // Re-judge everything running under the new mode; what was judged before says why.
        rejudging = Set(judged.keys)
        defer { rejudging = [] }
        judged.removeAll()
        judgedUpTo = nil
        if let snapshot = latest { await evaluate(snapshot) }
    }

    /// The containers judged again because the mode changed: their decisions say `mode change`,
    /// not `resync` or `start` (the fourth trial read a mode switch as a resync).
    private var rejudging: Set<String> = []

    private var latest: ContainerSnapshot?
    /// The store version last judged to the end: a test waits for it instead of for time.
    public private(set) var evaluatedSnapshotVersion: UInt64 = 0

    /// Evaluates every snapshot and every allow-list change until cancelled.
    public func run() async {
        let (inputs, feed) = AsyncStream<Input>.makeStream(bufferingPolicy: .unbounded)
        await withDiscardingTaskGroup { group in
            group.addTask { for await snapshot in self.store.snapshots() { feed.yield(.snapshot(snapshot)) } }
            group.addTask { for await _ in self.policy.changes() { feed.yield(.policy) } }
            group.addTask {
                for await input in inputs {
                    switch input {
                    case .snapshot(let snapshot): await self.evaluate(snapshot)
                    case .policy: await self.policyChanged()
                    }
                }
            }
        }
    }

    private enum Input: Sendable {
        case snapshot(ContainerSnapshot)
        case policy
    }

    private func policyChanged() async {
        guard let snapshot = latest else { return }
        await evaluate(snapshot)
    }

    /// Judges what changed in `snapshot`: from its journal, the containers changed since the last
    /// snapshot judged under the same list and mode; every record when the journal cannot say.
    func evaluate(_ snapshot: ContainerSnapshot) async {
        latest = snapshot
        defer { evaluatedSnapshotVersion = max(evaluatedSnapshotVersion, snapshot.version) }
        // The list and its version are read together: a snapshot judged just after a reload uses
        // the new list under the new version, so the reload's own turn finds nothing to judge again.
        let current = policy.current
        guard settleSelf(from: snapshot), let list = current.allowList else { return }
        let version = current.listVersion  // a rejected file changes nothing to judge
        let base = judgedUpTo.flatMap { $0.listVersion == version ? $0.store : nil }
        judgedUpTo = (snapshot.version, version)
        if let base, base <= snapshot.version, let changes = snapshot.journal.changes(since: base) {
            for change in changes {
                if let record = change.record {
                    await consider(record, list: list, listVersion: version, lastSyncAt: snapshot.lastSyncAt)
                } else {
                    forget(change.id)
                }
            }
            return
        }
        for record in snapshot.containers {
            await consider(record, list: list, listVersion: version, lastSyncAt: snapshot.lastSyncAt)
        }
        // Forget containers that are gone. Every container of the snapshot has an entry by now, so
        // there is none to forget when the counts agree: no set of N IDs per snapshot.
        guard judged.count > snapshot.containers.count else { return }
        let present = Set(snapshot.containers.lazy.map(\.id))
        for id in judged.keys where !present.contains(id) { forget(id) }
    }

    /// The store version and list version last judged; nil when everything must be judged again.
    private var judgedUpTo: (store: UInt64, listVersion: UInt64)?

    /// Judges one record unless it was judged in this very state.
    private func consider(_ record: ContainerRecord, list: AllowList, listVersion version: UInt64, lastSyncAt: Double?)
        async
    {
        let previous = judged[record.id]
        let now = JudgedState(record: record, policyVersion: version)
        guard previous != now else { return }
        judged[record.id] = now
        if !record.isRunning { violating[record.id] = nil }  // stopped (or paused): the violation ended
        if !record.isRunning, record.state != "paused", pending.contains(record.id) {
            await violationEnded(record)
        }
        if record.isRunning {
            if let previous, previous.isRunning, Self.sameRun(previous.startedAt, record.startedAt),
                previous.name == record.name,
                previous.policyVersion == version
            {
                return  // e.g. health changed: nothing new to judge
            }
            let cause =
                previous == nil && rejudging.remove(record.id) != nil
                ? .modeChange : Self.cause(previous: previous, now: now, lastSyncAt: lastSyncAt)
            await judge(record, list: list, cause: cause)
        } else if let previous,
            previous.isRunning || (record.startedAt != nil && !Self.sameRun(previous.startedAt, record.startedAt))
        {
            // Stopped since last seen; the second case is a run too short to show up between
            // two snapshots (a crash loop), which must count as a stop as well.
            await stopped(record, list: list)
        }
    }

    private func forget(_ id: String) {
        judged[id] = nil
        pending.remove(id)
        violating[id] = nil
        stoppedByGuard.remove(id)
        restarts[id] = nil
    }

    /// Settles who the guard itself is from the first synced snapshot; false while it cannot yet.
    /// Outside a container there is nothing to match, so the first sync's records are judged as
    /// they arrive instead of after the whole list.
    private func settleSelf(from snapshot: ContainerSnapshot) -> Bool {
        let notInContainer = selfProbe.rootUpperDir == nil && selfProbe.hints.isEmpty
        guard snapshot.isSynced || notInContainer else { return false }
        if selfIdentity == nil {
            let identity = SelfIdentity.resolve(selfProbe, among: snapshot.containers)
            selfIdentity = identity
            status.update { $0.selfID = identity.id }
            logger.notice("own container: \(identity.summary)")
        }
        return true
    }

    static func cause(previous: JudgedState?, now: JudgedState, lastSyncAt: Double?) -> DecisionCause {
        guard let previous else {
            // First seen running: started after the last full list means its start (or create)
            // event brought it; otherwise the list did.
            let started = now.startedAt.flatMap(EngineTimestamp.secondsSinceEpoch) ?? 0
            return started > (lastSyncAt ?? .infinity) ? .start : .resync
        }
        if !sameRun(previous.startedAt, now.startedAt) || !previous.isRunning {
            return previous.state == "paused" ? .unpause : .start
        }
        if previous.name != now.name { return .rename }
        return .allowListReload
    }

    /// Whether two start times are one run: the same, or the start event's stamp and the engine's
    /// own `StartedAt` from a later inspect, which differ in the last digits. A second's slack:
    /// another run starts later than that (a restart waits at least 100 ms, then starts a process),
    /// and its stop in between reaches the enforcer as a change of its own.
    static func sameRun(_ first: String?, _ second: String?) -> Bool {
        if first == second { return true }
        guard let a = first.flatMap(EngineTimestamp.secondsSinceEpoch),
            let b = second.flatMap(EngineTimestamp.secondsSinceEpoch)
        else { return false }
        return abs(a - b) < 1
    }

    private func judge(_ record: ContainerRecord, list: AllowList, cause decisionCause: DecisionCause) async {
        let cause = decisionCause.rawValue
        let decision = await Decision.judge(
            record, list: list, aliases: aliases, client: client, selfID: selfID, cause: decisionCause)
        if case .ownContainer = decision.verdict {
            violating[record.id] = nil
            await self.record(record, cause: cause, verdict: "self", rule: nil, action: nil, result: "skipped")
            return
        }
        if let location = decision.ruleLocation {
            pending.remove(record.id)
            violating[record.id] = nil
            await self.record(record, cause: cause, verdict: "allowed", rule: location, action: nil, result: "allowed")
            return
        }
        // Counted once per run: a new start time is a new run (even one too short to be seen stopped).
        let run = record.startedAt ?? ""
        if violating[record.id] != run {
            violating[record.id] = run
            metrics.violation(mode: settings.mode)
        }
        if settings.readonly, settings.mode != .audit {
            await self.record(
                record, cause: cause, verdict: "violating", rule: nil, action: nil, result: "recorded (readonly)",
                limits: decision)
            return
        }
        switch settings.mode {
        case .audit:
            await self.record(
                record, cause: cause, verdict: "violating", rule: nil, action: nil, result: "recorded", limits: decision
            )
        case .confirm:
            if settings.interactive { pending.insert(record.id) }
            let result = settings.interactive ? "pending" : "recorded (confirm mode without an operator acts as audit)"
            await self.record(
                record, cause: cause, verdict: "violating", rule: nil, action: nil, result: result, limits: decision)
        case .enforce:
            act(on: record, action: settings.action, cause: cause, limits: decision)
        }
    }

    /// Carries out `action` on a container in the background; one action per container at a time.
    /// `verdict` is what the audit log records (an operator may stop an allowed container too).
    /// The task ends with the action's outcome; nil when it was not started (read-only, the
    /// guard's own container, or an action already under way). `limits` names the profile's failed
    /// limits for the audit line, when that is why it violates.
    @discardableResult
    public func act(
        on record: ContainerRecord, action: EnforcementAction, cause: String, verdict: String = "violating",
        limits: Decision? = nil, byOperator: Bool = false
    ) -> Task<ActionOutcome, Never>? {
        guard !settings.readonly, selfIdentity != nil, record.id != selfID, !inFlight.contains(record.id) else {
            return nil
        }
        inFlight.insert(record.id)
        acting.insert(record.id)
        pending.remove(record.id)
        stoppedByGuard.insert(record.id)
        let mode = settings.mode
        let timeout = settings.stopTimeout
        return Task(executorPreference: executor) { [client] in
            var failure: String?
            do {
                switch action {
                case .stop: try await client.stopContainer(record.id, timeout: timeout)
                case .kill: try await client.killContainer(record.id, signal: nil)
                case .remove: try await client.removeContainer(record.id, force: true, removeVolumes: false)
                }
            } catch EngineError.notFound {
                failure = nil  // already gone: the goal is met
            } catch EngineError.conflict(let message) where action == .kill && message.contains("is not running") {
                failure = nil
            } catch {
                failure = "\(error)"
            }
            return await self.finished(
                record, action: action, cause: cause, verdict: verdict, mode: mode, failure: failure, limits: limits,
                byOperator: byOperator)
        }
    }

    private func finished(
        _ record: ContainerRecord, action: EnforcementAction, cause: String, verdict: String, mode: EnforcementMode,
        failure: String?, limits: Decision?, byOperator: Bool
    ) async -> ActionOutcome {
        let violations = limits?.violations ?? []
        inFlight.remove(record.id)
        acting.remove(record.id)
        let outcome = ActionOutcome(
            containerName: record.displayName, action: action.rawValue, failure: failure, time: WallClock.seconds(),
            byOperator: byOperator)
        status.update { $0.finished(outcome) }
        if failure != nil { stoppedByGuard.remove(record.id) }
        metrics.action(action.rawValue, result: failure == nil ? "done" : "failed")
        var latency: Int?
        if failure == nil, let started = record.startedAt.flatMap(EngineTimestamp.secondsSinceEpoch) {
            let elapsed = WallClock.seconds() - started
            metrics.enforced(after: .nanoseconds(Int64(max(elapsed, 0) * 1e9)))
            latency = Int((max(elapsed, 0) * 1000).rounded())
        }
        await audit.append(
            AuditRecord(
                time: EngineTimestamp.now(), containerID: record.id,
                containerName: record.name, image: record.imageRef, event: cause, verdict: verdict, rule: nil,
                mode: mode.rawValue, action: action.rawValue, result: failure == nil ? "done" : "failed",
                error: failure,
                violations: violations.isEmpty ? nil : violations.map(\.description),
                reason: violations.isEmpty ? nil : limits?.reason, latencyMS: latency))
        if let failure {
            logger.error(
                "action failed",
                metadata: ["container": "\(record.displayName)", "action": "\(action)", "error": "\(failure)"])
        } else {
            logger.notice(
                "acted on a violating container",
                metadata: ["container": "\(record.displayName)", "action": "\(action)"])
        }
        return outcome
    }

    /// A pending violation stopped before the operator answered (it exited, or was stopped from
    /// outside): it leaves the pending set, and the audit log says so; no action is recorded.
    private func violationEnded(_ record: ContainerRecord) async {
        pending.remove(record.id)
        await self.record(
            record, cause: record.state, verdict: "violating", rule: nil, action: nil,
            result: "no longer running: no action needed")
    }

    /// The operator's own action (the dashboard's stop keys, or approving violations held in
    /// confirm mode): the configured action on each container still running, audited as `cause`.
    /// Returns how each ended, in the order asked, once all have; a container no longer running
    /// (or gone) is reported as such and nothing is done to it.
    public func actForOperator(on ids: [String], cause: String) async -> [ActionOutcome] {
        let snapshot = store.current
        guard settleSelf(from: snapshot) else { return [] }
        let list = policy.current.allowList
        let action = settings.action
        var outcomes: [Task<ActionOutcome, Never>] = []
        for id in ids {
            let record = snapshot.containers.first { $0.id == id }
            guard let record, record.isRunning || record.state == "paused" else {
                let name = record?.displayName ?? String(id.prefix(12))
                let outcome = ActionOutcome(
                    containerName: name, action: action.rawValue, failure: "not running: nothing done",
                    time: WallClock.seconds(), byOperator: true)
                outcomes.append(Task { outcome })
                continue
            }
            // One judgement gives the audit line its verdict and, as the guard's own stop would,
            // the failed limits (the eighth trial read `no rule matches` for a container a rule
            // named and its profile refused). The line's event is the operator's cause.
            var verdict = "unknown"
            var limits: Decision?
            if let list {
                let decision = await Decision.judge(
                    record, list: list, aliases: aliases, client: client, selfID: selfID, cause: .resync)
                if case .allowed = decision.verdict { verdict = "allowed" } else { verdict = "violating" }
                if case .limited = decision.verdict { limits = decision }
            }
            let task = act(
                on: record, action: action, cause: cause, verdict: verdict, limits: limits, byOperator: true)
            let why =
                settings.readonly
                ? "read-only"
                : record.id == selfID ? "the guard's own container" : "an action on it is already under way"
            let refused = ActionOutcome(
                containerName: record.displayName, action: action.rawValue, failure: why, time: WallClock.seconds(),
                byOperator: true)
            outcomes.append(task ?? Task { refused })
        }
        var results: [ActionOutcome] = []
        for outcome in outcomes { results.append(await outcome.value) }
        return results
    }

    /// A container stopped: bring it back if a keep-running rule covers it and the guard did not stop it.
    private func stopped(_ record: ContainerRecord, list: AllowList) async {
        guard !settings.readonly, !stoppedByGuard.contains(record.id), record.id != selfID else { return }
        guard case .allowed(let rule, let location) = list.verdict(for: record, aliases: aliases), rule.keepRunning
        else { return }
        var state = restarts[record.id] ?? KeepRunningState()
        // A container that ran for a while before stopping is not crash-looping: start the backoff over.
        if let started = record.startedAt.flatMap(EngineTimestamp.secondsSinceEpoch),
            let finished = record.finishedAt.flatMap(EngineTimestamp.secondsSinceEpoch), finished - started > 60
        {
            state.attempt = 0
        }
        state.attempt += 1
        restarts[record.id] = state
        let delay = settings.keepRunningBackoff.baseDelay(attempt: state.attempt)
        logger.info(
            "keep-running: restarting",
            metadata: ["container": "\(record.displayName)", "in_ms": .stringConvertible(delay.milliseconds)])
        let mode = settings.mode
        Task(executorPreference: executor) { [client, audit, metrics] in
            try? await Task.sleep(for: delay)
            var failure: String?
            do { try await client.startContainer(record.id) } catch { failure = "\(error)" }
            metrics.action("restart", result: failure == nil ? "done" : "failed")
            await audit.append(
                AuditRecord(
                    time: EngineTimestamp.now(), containerID: record.id,
                    containerName: record.name, image: record.imageRef, event: "die", verdict: "allowed",
                    rule: location,
                    mode: mode.rawValue, action: "restart", result: failure == nil ? "done" : "failed", error: failure))
        }
    }

    private func record(
        _ record: ContainerRecord, cause: String, verdict: String, rule: String?, action: String?, result: String,
        limits: Decision? = nil
    ) async {
        let violations = limits?.violations ?? []
        await audit.append(
            AuditRecord(
                time: EngineTimestamp.now(), containerID: record.id, containerName: record.name,
                image: record.imageRef, event: cause, verdict: verdict, rule: rule, mode: settings.mode.rawValue,
                action: action, result: result, violations: violations.isEmpty ? nil : violations.map(\.description),
                reason: violations.isEmpty ? nil : limits?.reason))
        if verdict == "violating" {
            logger.warning(
                "violating container",
                metadata: [
                    "container": "\(record.displayName)", "image": "\(record.imageRef)", "mode": "\(settings.mode)",
                    "result": "\(result)", "reason": "\(limits?.reason ?? "no rule matches")",
                ])
        }
    }
}

/// What the enforcer last judged of a container.
struct JudgedState: Equatable {
    var state: String
    var startedAt: String?
    var name: String
    var policyVersion: UInt64

    init(record: ContainerRecord, policyVersion: UInt64) {
        state = record.state
        startedAt = record.startedAt
        name = record.name
        self.policyVersion = policyVersion
    }

    var isRunning: Bool { state == "running" }
}

/// Crash-loop protection for keep-running: each restart waits twice as long as the one before.
struct KeepRunningState {
    var attempt = 0
}
