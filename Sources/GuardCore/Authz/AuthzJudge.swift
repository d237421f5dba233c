import DockerEngine
import Logging
import Synchronization

/// The authorization plugin's decisions: the engine asks before every API call (AuthZReq) and
/// tells after it (AuthZRes). Calls that can make a container run are judged by the same
/// ``Decision`` as the post-start enforcer; everything else is allowed at once.
///
/// Every answer is bounded by ``AuthzSettings/budget``: the engine blocks the user's call for as
/// long as the plugin does not answer. Audit lines and logs are written off the answer's path.
public final class AuthzJudge: Sendable {
    let store: ContainerStore
    let policy: PolicyState
    let aliases: ImageAliases
    let audit: AuditLog
    let metrics: AuthzMetrics
    let lookup: any AuthzEngineLookup
    let settings: AuthzSettings
    /// The guard's own container, when known: always allowed.
    let selfID: @Sendable () -> String?
    /// The mode in force (the dashboard may change it).
    let mode: @Sendable () -> EnforcementMode
    let logger: Logger
    /// Where decisions run: the plugin's own thread, so a busy API or a blocked pool cannot delay them.
    let executor: (any TaskExecutor)?
    let recentCreates = RecentCreates()
    /// AuthZReq calls answered since start, for `dockerguard authz status`.
    let requestsSeen = Atomic<Int>(0)
    /// Creates refused in confirm mode, which an operator may still allow.
    let refusedCreates: RefusedCreates

    public init(
        store: ContainerStore, policy: PolicyState, aliases: ImageAliases, audit: AuditLog, metrics: AuthzMetrics,
        lookup: any AuthzEngineLookup, settings: AuthzSettings, selfID: @escaping @Sendable () -> String?,
        mode: @escaping @Sendable () -> EnforcementMode, executor: (any TaskExecutor)? = nil,
        refusedCreates: RefusedCreates = RefusedCreates(), logger: Logger
    ) {
        self.refusedCreates = refusedCreates
        self.executor = executor
        self.store = store
        self.policy = policy
        self.aliases = aliases
        self.audit = audit
        self.metrics = metrics
        self.lookup = lookup
        self.settings = settings
        self.selfID = selfID
        self.mode = mode
        self.logger = logger
    }

    /// What the plugin concluded before it applies the mode.
    enum Outcome: Sendable {
        /// Not a call that can make a container run.
        case notJudged
        case judged(Decision)
        /// Not enough is known (or not in time): the failure policy answers.
        case undecidable(subject: MatchSubject?, cause: DecisionCause?, reason: String)
    }

    /// AuthZReq: may the engine handle this call? Nil is a request that could not be decoded.
    public func authorize(_ request: AuthzRequest?) async -> AuthzAnswer {
        await answer(request, started: ContinuousClock.now)
    }

    /// AuthZReq from the engine's JSON. A request of ordinary size is decoded where it arrives
    /// (bounded work: microseconds). Decoding a larger one counts against the budget too (a URI
    /// may be a megabyte), so it runs under the deadline on the shared executor, not on the
    /// plugin's own thread, and the answer can leave that thread the moment the budget is spent.
    public func authorize(json: [UInt8]) async -> AuthzAnswer {
        let started = ContinuousClock.now
        guard json.count > Self.inPlaceBytes else { return await answer(AuthzRequest.decode(json), started: started) }
        let budget = settings.budget
        guard let (outcome, endpoint, askedEngine) = await decideDecoding(json, budget: budget) else {
            let reason = "no decision within \(budget.milliseconds) ms"
            return finish(
                .undecidable(subject: nil, cause: nil, reason: reason), endpoint: "unknown", started: started,
                askedEngine: true)
        }
        return finish(outcome, endpoint: endpoint, started: started, askedEngine: askedEngine)
    }

    /// Requests up to this size are decoded and decided on the plugin's thread: a create body of
    /// a few kilobytes is what `docker run` sends; the engine forwards at most 4 MiB.
    static let inPlaceBytes = 64 << 10

    private func answer(_ request: AuthzRequest?, started: ContinuousClock.Instant) async -> AuthzAnswer {
        guard let request else {
            return finish(
                .undecidable(subject: nil, cause: nil, reason: "the request is not valid JSON"),
                endpoint: "invalid", started: started)
        }
        let route = AuthzRoute.parse(method: request.method, uri: request.uri)
        if case .other = route {
            metrics.answered(endpoint: "other", verdict: "allowed", after: ContinuousClock.now - started)
            return .allowed
        }
        // From what the plugin holds, in place: no task, no timer, no hop between threads.
        if let outcome = try? await decide(route, request: request, InPlace()) {
            return finish(outcome, endpoint: route.endpoint, started: started)
        }
        let budget = settings.budget - (ContinuousClock.now - started)
        let outcome = await withDeadline(budget, on: executor) {
            await self.decide(route, request: request, Asking(lookup: self.lookup))
        }
        let reason = "no decision within \(settings.budget.milliseconds) ms"
        return finish(
            outcome ?? .undecidable(subject: nil, cause: nil, reason: reason), endpoint: route.endpoint,
            started: started, askedEngine: true)
    }

    /// A large request, decoded and decided under the deadline; whether the decision asked the engine.
    private func decideDecoding(_ json: [UInt8], budget: Duration) async -> (Outcome, String, Bool)? {
        await withDeadline(budget, on: globalConcurrentExecutor) { () -> (Outcome, String, Bool) in
            guard let request = AuthzRequest.decode(json) else {
                return (
                    .undecidable(subject: nil, cause: nil, reason: "the request is not valid JSON"), "invalid", false
                )
            }
            let route = AuthzRoute.parse(method: request.method, uri: request.uri)
            if case .other = route { return (.notJudged, "other", false) }
            if let outcome = try? await self.decide(route, request: request, InPlace()) {
                return (outcome, route.endpoint, false)
            }
            return (await self.decide(route, request: request, Asking(lookup: self.lookup)), route.endpoint, true)
        }
    }

    /// AuthZReq of a call that is not a POST: never judged, allowed at once (and counted).
    public func allowRead() -> AuthzAnswer {
        metrics.answered(endpoint: "other", verdict: "allowed", after: .zero)
        return .allowed
    }

    /// AuthZRes: the call is done. Always allowed (denying here would not undo it); a create's
    /// answer tells the new container's ID, for the start that `docker run` sends next.
    public func observe(_ request: AuthzRequest?) -> AuthzAnswer {
        guard let request, case .create(let name) = AuthzRoute.parse(method: request.method, uri: request.uri),
            let response = request.responseBody.bytes, let id = CreateResponseBody.decode(response)
        else { return .allowed }
        let body = request.requestBody.bytes.flatMap(CreateRequestBody.decode)
        recentCreates.remember(
            MatchSubject(
                // `docker run --name /x` names it `/x` as well as `x`: one slash, as the store spells it.
                id: id, name: (name ?? "").hasPrefix("/") ? name ?? "" : "/" + (name ?? ""),
                imageRef: body?.image ?? "", labels: body?.labels ?? [:],
                runtime: body?.runtime ?? .unknown))
        return .allowed
    }
}
