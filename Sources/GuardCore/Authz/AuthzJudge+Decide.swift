import DockerEngine

extension AuthzJudge {
    /// Judges one call that can make a container run.
    func decide(_ route: AuthzRoute, request: AuthzRequest) async -> Outcome {
        guard let list = policy.current.allowList else {
            return .undecidable(subject: nil, cause: nil, reason: "no valid allow-list is loaded")
        }
        switch route {
        case .other:
            return .notJudged
        case .create(let name):
            return await decideCreate(name: name, body: request.requestBody, list: list)
        case .start(let reference):
            return await decideStart(reference, cause: .authzStart, list: list)
        case .restart(let reference):
            return await decideStart(reference, cause: .authzRestart, list: list)
        case .unpause(let reference):
            return await decideStart(reference, cause: .authzUnpause, list: list)
        case .rename(let reference, let newName):
            return await decideRename(reference, newName: newName, list: list)
        }
    }

    /// A create is judged from its body; the image's other names and ID are looked up only when a
    /// rule might match them.
    private func decideCreate(name: String?, body: AuthzRequest.Body, list: AllowList) async -> Outcome {
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
        if !decision.isAllowed, list.looksAtImages, !imageRef.isEmpty, Self.countEngineCall(),
            case .found(let image)? = await withDeadline(
                lookupBudget, on: executor, { await self.lookup.image(imageRef) })
        {
            subject.imageID = image.id
            subject.imageAliases = image.repoTags + image.repoDigests
            decision = Decision.judge(subject, list: list, selfID: nil, cause: .authzCreate)
        }
        return .judged(decision)
    }

    /// A start (restart, unpause) is judged on the container as the store knows it, so `id=`
    /// rules hold; one created a moment ago is found from its create, else asked of the engine.
    private func decideStart(_ reference: String, cause: DecisionCause, list: AllowList) async -> Outcome {
        let subject: MatchSubject
        switch await container(reference) {
        case .found(let found): subject = found
        case .notFound: return .notJudged  // the engine answers 404 itself
        case .failed(let reason): return .undecidable(subject: nil, cause: cause, reason: reason)
        }
        return .judged(await judgeWithImageNames(subject, list: list, cause: cause))
    }

    /// A rename is refused when it would make a running container violating.
    private func decideRename(_ reference: String, newName: String?, list: AllowList) async -> Outcome {
        guard let newName, !newName.isEmpty else { return .notJudged }  // the engine refuses it itself
        var subject: MatchSubject
        switch await container(reference) {
        case .found(let found): subject = found
        case .notFound: return .notJudged
        case .failed(let reason): return .undecidable(subject: nil, cause: .authzRename, reason: reason)
        }
        guard isRunning(subject.id) else { return .notJudged }  // its start will be judged
        subject.name = newName
        return .judged(await judgeWithImageNames(subject, list: list, cause: .authzRename))
    }

    private func judgeWithImageNames(_ subject: MatchSubject, list: AllowList, cause: DecisionCause) async -> Decision {
        var subject = subject
        let decision = Decision.judge(subject, list: list, selfID: selfID(), cause: cause)
        guard !decision.isAllowed, list.looksAtImages, subject.imageAliases.isEmpty else { return decision }
        let reference = subject.imageID.isEmpty ? subject.imageRef : subject.imageID
        guard !reference.isEmpty, Self.countEngineCall(),
            case .found(let image)? = await withDeadline(
                lookupBudget, on: executor, { await self.lookup.image(reference) })
        else { return decision }
        subject.imageID = image.id
        subject.imageAliases = image.repoTags + image.repoDigests
        return Decision.judge(subject, list: list, selfID: selfID(), cause: cause)
    }

    /// The container by ID, ID prefix or name: from the store, else from a create seen a moment
    /// ago, else from the engine within the lookup budget.
    private func container(_ reference: String) async -> AuthzLookupResult<MatchSubject> {
        if let record = Self.find(reference, in: store.current.containers) {
            return .found(MatchSubject(record, aliases: aliases.cached(record.imageID) ?? []))
        }
        if let created = recentCreates.find(reference) { return .found(created) }
        _ = Self.countEngineCall()
        switch await withDeadline(lookupBudget, on: executor, { await self.lookup.container(reference) }) {
        case .found(let record)?: return .found(MatchSubject(record, aliases: aliases.cached(record.imageID) ?? []))
        case .notFound?: return .notFound
        case .failed(let reason)?: return .failed("cannot inspect container \(reference): \(reason)")
        case nil: return .failed("the engine did not describe container \(reference) within \(lookupBudget)")
        }
    }

    static func find(_ reference: String, in records: [ContainerRecord]) -> ContainerRecord? {
        if let exact = records.first(where: { $0.id == reference || $0.name == "/" + reference }) { return exact }
        let prefixed = records.filter { $0.id.hasPrefix(reference) }
        return prefixed.count == 1 ? prefixed[0] : nil
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
