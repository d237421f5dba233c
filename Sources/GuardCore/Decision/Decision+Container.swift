extension Decision {
    /// Judges a container the store knows, with the names of its image that are known now.
    public static func judge(
        _ record: ContainerRecord, list: AllowList, aliases: ImageAliases, selfID: String?, cause: DecisionCause
    ) -> Decision {
        judge(
            MatchSubject(record, aliases: aliases.cached(record.imageID) ?? []), list: list, selfID: selfID,
            cause: cause)
    }
}
