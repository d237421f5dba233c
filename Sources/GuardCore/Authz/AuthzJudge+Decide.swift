import DockerEngine

extension AuthzJudge {
    /// Judges one call that can make a container run; with ``InPlace`` access, fails where it
    /// would have to ask the engine.
    func decide<Access: EngineAccess>(
        _ route: AuthzRoute, request: AuthzRequest, _ access: Access
    ) async throws(Access.Failure) -> Outcome {
        guard let list = policy.current.allowList else {
            return .undecidable(subject: nil, cause: nil, reason: "no valid allow-list is loaded")
        }
        switch route {
        case .other:
            return .notJudged
        case .create(let name):
            return try await decideCreate(name: name, body: request.requestBody, list: list, access)
        case .start(let reference):
            return try await decideStart(reference, cause: .authzStart, list: list, access)
        case .restart(let reference):
            return try await decideStart(reference, cause: .authzRestart, list: list, access)
        case .unpause(let reference):
            return try await decideStart(reference, cause: .authzUnpause, list: list, access)
        case .rename(let reference, let newName):
            return try await decideRename(reference, newName: newName, list: list, access)
        }
    }

    /// A create is judged from its body; the image's other names and ID are looked up only when a
    /// rule might match them.
    private func decideCreate<Access: EngineAccess>(
        name: String?, body: AuthzRequest.Body, list: AllowList, _ access: Access
    ) async throws(Access.Failure) -> Outcome {
        var subject = MatchSubject(id: "", name: name ?? "", imageRef: "", runtime: .unknown)
        let spec = body.bytes.flatMap(CreateRequestBody.decode)
        if let spec {
            subject.imageRef = spec.image ?? ""
            subject.labels = spec.labels
            subject.runtime = spec.runtime
        }
        var decision = Decision.judge(subject, list: list, selfID: nil, cause: .authzCreate)
        guard spec != nil else {
            // Fewer facts can only match fewer rules: a rule that matches anyway may allow it.
            if decision.isAllowed { return .judged(decision) }
            let reason =
                switch body {
                case .absent: "the engine did not forward the request body (not JSON, or over its size limit)"
                case .notBase64: "the request body is not valid base64"
                case .bytes: "the request body is not a container spec"
                }
            let unknown =
                decision.violations == [.unknownConfiguration]
                ? "how it would run is unknown, which profile \(list.profile.rawValue) does not allow"
                : "its image and labels are unknown"
            return .undecidable(subject: subject, cause: .authzCreate, reason: reason + ", so " + unknown)
        }
        if decision.violations == [.unknownConfiguration] {
            return .undecidable(
                subject: subject, cause: .authzCreate,
                reason: "the request body has keys that differ only in letter case, or a field of the wrong type, so "
                    + "how it would run is unknown, which profile \(list.profile.rawValue) does not allow")
        }
        let imageRef = subject.imageRef
        if !decision.isAllowed, list.looksAtImages, !imageRef.isEmpty {
            let engine = try access.engine()
            if case .found(let image)? = await withDeadline(
                lookupBudget, on: executor, { await engine.image(imageRef) })
            {
                subject.imageID = image.id
                subject.imageAliases = image.repoTags + image.repoDigests
                decision = Decision.judge(subject, list: list, selfID: nil, cause: .authzCreate)
            }
        }
        return .judged(decision)
    }

    /// A start (restart, unpause) is judged on the container as the store knows it, so `id=`
    /// rules hold; one created a moment ago is found from its create, else asked of the engine.
    private func decideStart<Access: EngineAccess>(
        _ reference: String, cause: DecisionCause, list: AllowList, _ access: Access
    ) async throws(Access.Failure) -> Outcome {
        let subject: MatchSubject
        switch try await container(reference, access) {
        case .found(let found): subject = found
        case .notFound: return .notJudged  // the engine answers 404 itself
        case .failed(let reason): return .undecidable(subject: nil, cause: cause, reason: reason)
        }
        return .judged(try await judgeWithImageNames(subject, list: list, cause: cause, access))
    }

    /// A rename is refused when it would make a running container violating.
    private func decideRename<Access: EngineAccess>(
        _ reference: String, newName: String?, list: AllowList, _ access: Access
    ) async throws(Access.Failure) -> Outcome {
        guard let newName, !newName.isEmpty else { return .notJudged }  // the engine refuses it itself
        var subject: MatchSubject
        switch try await container(reference, access) {
        case .found(let found): subject = found
        case .notFound: return .notJudged
        case .failed(let reason): return .undecidable(subject: nil, cause: .authzRename, reason: reason)
        }
        guard isRunning(subject.id) else { return .notJudged }  // its start will be judged
        subject.name = newName
        return .judged(try await judgeWithImageNames(subject, list: list, cause: .authzRename, access))
    }

    private func judgeWithImageNames<Access: EngineAccess>(
        _ subject: MatchSubject, list: AllowList, cause: DecisionCause, _ access: Access
    ) async throws(Access.Failure) -> Decision {
        var subject = subject
        let decision = Decision.judge(subject, list: list, selfID: selfID(), cause: cause)
        guard !decision.isAllowed, list.looksAtImages, subject.imageAliases.isEmpty else { return decision }
        let reference = subject.imageID.isEmpty ? subject.imageRef : subject.imageID
        guard !reference.isEmpty else { return decision }
        let engine = try access.engine()
        guard
            case .found(let image)? = await withDeadline(lookupBudget, on: executor, { await engine.image(reference) })
        else { return decision }
        subject.imageID = image.id
        subject.imageAliases = image.repoTags + image.repoDigests
        return Decision.judge(subject, list: list, selfID: selfID(), cause: cause)
    }

    /// The container by ID, ID prefix or name: from the store, else from a create seen a moment
    /// ago, else from the engine within the lookup budget.
    private func container<Access: EngineAccess>(
        _ reference: String, _ access: Access
    ) async throws(Access.Failure) -> AuthzLookupResult<MatchSubject> {
        if let record = Self.find(reference, in: store.current.containers) {
            return .found(MatchSubject(record, aliases: aliases.cached(record.imageID) ?? []))
        }
        if let created = recentCreates.find(reference) { return .found(created) }
        let engine = try access.engine()
        switch await withDeadline(lookupBudget, on: executor, { await engine.container(reference) }) {
        case .found(let record)?: return .found(MatchSubject(record, aliases: aliases.cached(record.imageID) ?? []))
        case .notFound?: return .notFound
        case .failed(let reason)?: return .failed("cannot inspect container \(reference): \(reason)")
        case nil: return .failed("the engine did not describe container \(reference) within \(lookupBudget)")
        }
    }

    static func find(_ reference: String, in records: some Collection<ContainerRecord>) -> ContainerRecord? {
        let name = "/" + reference
        if let exact = records.first(where: { $0.id == reference || $0.name == name }) { return exact }
        var prefixed: ContainerRecord?
        for record in records where record.id.hasPrefix(reference) {
            guard prefixed == nil else { return nil }  // ambiguous
            prefixed = record
        }
        return prefixed
    }

    private func isRunning(_ id: String) -> Bool {
        guard let record = store.current.containers.first(where: { $0.id == id }) else { return true }
        return record.state == "running" || record.state == "paused" || record.state == "restarting"
    }

    /// What an engine call inside a decision may take: the rest of the budget is left for the answer.
    var lookupBudget: Duration { settings.budget * 3 / 4 }
}

extension AllowList {
    /// Whether any rule looks at the image (its references or its ID).
    var looksAtImages: Bool {
        rules.contains { rule in
            rule.terms.contains {
                switch $0 {
                case .image, .imageID: true
                default: false
                }
            }
        }
    }
}
