import DockerEngine
import Logging

extension AuthzJudge {
    /// An AuthZReq with no body at all. The engine's plugin client resends a call whose connection
    /// broke (the plugin restarted mid-call), but its request body was already read by the first
    /// attempt, so the resent call arrives empty: nothing says what it was. Refusing it would fail
    /// a docker command on every plugin restart; allowing it is safe for a create (its start is
    /// judged next) and for a start leaves the post-start enforcer to judge what runs. So it is
    /// allowed, unless the failure policy is an explicit `deny`.
    public func authorizeResent() -> AuthzAnswer {
        let started = ContinuousClock.now
        let allow = settings.failurePolicy != .deny || settings.readonly
        let reason = "the engine resent a call without its body (its plugin connection broke mid-call)"
        logger.warning("authz: \(reason)", metadata: ["allow": "\(allow)"])
        let line = AuditRecord(
            time: EngineTimestamp.now(), containerID: "", containerName: "", image: "", event: "authz-resent",
            verdict: "unknown", rule: nil, mode: mode().rawValue, action: allow ? nil : "deny",
            result: allow ? "allowed (resent without body)" : "denied (failure policy)", error: reason)
        audit.enqueue(line)
        metrics.answered(
            endpoint: "unknown", verdict: allow ? "resent-allowed" : "resent-denied",
            after: ContinuousClock.now - started)
        return allow
            ? .allowed : AuthzAnswer(allow: false, message: "dockerguard: \(reason); denied (--authz-failure deny)")
    }
}
