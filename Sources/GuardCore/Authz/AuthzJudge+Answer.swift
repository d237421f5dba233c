import Logging

extension AuthzJudge {
    /// Applies the mode to an outcome, and counts, logs and audits the answer.
    func finish(
        _ outcome: Outcome, endpoint: String, started: ContinuousClock.Instant, askedEngine: Bool = false
    ) -> AuthzAnswer {
        let mode = mode()
        let answer: AuthzAnswer
        let verdict: String
        switch outcome {
        case .notJudged:
            answer = .allowed
            verdict = "allowed"
        case .judged(let decision) where decision.isAllowed:
            answer = .allowed
            verdict = "allowed"
            if decision.cause == .authzCreate { refusedCreates.allowed(decision.subject) }
            record(
                decision.subject, cause: decision.cause, verdict: decision.verdictLabel, rule: decision.ruleLocation,
                mode: mode, denied: false, result: "allowed")
        case .judged(let decision) where settings.readonly || mode == .audit:
            answer = .allowed
            verdict = "audited"
            record(
                decision.subject, cause: decision.cause, verdict: "violating", rule: nil, mode: mode, denied: false,
                result: "recorded (would deny)", limits: decision)
            logger.notice(
                "authz: would deny (audit mode)",
                metadata: ["endpoint": "\(endpoint)", "msg": "\(decision.denialMessage)"])
        case .judged(let decision):
            let confirm =
                // Only a refused create waits as a row of its own; a start or rename is of a
                // container the dashboard already lists.
                switch (mode, settings.operatorPresent && decision.cause == .authzCreate) {
                case (.confirm, true):
                    "; confirm mode: it waits in the dashboard, where an operator may allow it (a);"
                        + " then the same command succeeds"
                case (.confirm, false):
                    "; confirm mode: an operator may allow it by adding the rule, then the same command succeeds"
                default: ""
                }
            answer = AuthzAnswer(allow: false, message: decision.denialMessage + confirm)
            verdict = "denied"
            if mode == .confirm, settings.operatorPresent, decision.cause == .authzCreate {
                refusedCreates.refused(decision.subject, message: answer.message)
            }
            record(
                decision.subject, cause: decision.cause, verdict: "violating", rule: nil, mode: mode, denied: true,
                result: "denied", limits: decision)
            logger.warning("authz: denied", metadata: ["endpoint": "\(endpoint)", "msg": "\(answer.message)"])
        case .undecidable(let subject, let cause, let reason):
            let allow = settings.failureAllows(mode: mode)
            let policyName = settings.readonly ? "readonly" : settings.failurePolicy.rawValue
            answer =
                allow
                ? .allowed
                : AuthzAnswer(
                    allow: false, message: "dockerguard: cannot judge this call: \(reason); denied (fail closed)")
            verdict = allow ? "failure-allowed" : "failure-denied"
            record(
                subject ?? MatchSubject(id: "", name: "", imageRef: ""), cause: cause, verdict: "unknown", rule: nil,
                mode: mode, denied: !allow, result: allow ? "allowed (failure policy)" : "denied (failure policy)",
                error: reason)
            logger.warning(
                "authz: failure policy answered",
                metadata: [
                    "endpoint": "\(endpoint)", "reason": "\(reason)", "allow": "\(allow)", "policy": "\(policyName)",
                ])
        }
        metrics.answered(
            endpoint: endpoint, verdict: verdict, after: ContinuousClock.now - started, askedEngine: askedEngine)
        return answer
    }

    /// One audit line, written off the answer's path (the disk must never hold the engine).
    private func record(
        _ subject: MatchSubject, cause: DecisionCause?, verdict: String, rule: String?, mode: EnforcementMode,
        denied: Bool, result: String, error: String? = nil, limits: Decision? = nil
    ) {
        let violations = limits?.violations ?? []
        // As the enforcer's lines spell it: with the leading `/`.
        let name = subject.name.isEmpty || subject.name.hasPrefix("/") ? subject.name : "/" + subject.name
        let line = AuditRecord(
            time: EngineTimestamp.now(), containerID: subject.id, containerName: name, image: subject.imageRef,
            event: cause?.rawValue ?? "authz", verdict: verdict, rule: rule, mode: mode.rawValue,
            action: denied ? "deny" : nil, result: result, error: error,
            violations: violations.isEmpty ? nil : violations.map(\.description),
            reason: violations.isEmpty ? nil : limits?.reason)
        audit.enqueue(line)
    }
}
