extension Decision {
    /// Judges a container the store knows, with the names of its image that are known now.
    public static func judge(
        _ record: ContainerRecord, list: AllowList, aliases: ImageAliases, selfID: String?, cause: DecisionCause
    ) -> Decision {
        judge(
            MatchSubject(record, aliases: aliases.cached(record.imageID) ?? []), list: list, selfID: selfID,
            cause: cause)
    }

    /// The same, first asking the engine for the image's other names when only they could allow it
    /// (a violation, image rules in the list, names not known yet): one engine call at most.
    public static func judge(
        _ record: ContainerRecord, list: AllowList, aliases: ImageAliases, client: some ImageInspecting,
        selfID: String?,
        cause: DecisionCause
    ) async -> Decision {
        let decision = judge(record, list: list, aliases: aliases, selfID: selfID, cause: cause)
        guard !decision.isAllowed, list.hasImageRules, aliases.cached(record.imageID) == nil else { return decision }
        _ = await aliases.lookup(record.imageID, client: client)
        return judge(record, list: list, aliases: aliases, selfID: selfID, cause: cause)
    }
}
