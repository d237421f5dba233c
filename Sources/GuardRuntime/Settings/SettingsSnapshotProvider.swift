internal import Configuration

/// A provider over a snapshot that is already parsed, built without `await`.
///
/// swift-configuration 1.4.0 only offers `FileProvider.init` as `async`, while ``SettingsLoader`` is
/// synchronous, so the loader parses the file into a `YAMLSnapshot` itself and serves it through this.
/// Keys listed in `unsetKeys` (YAML `null`) answer "no value", so they fall through to the next layer.
struct SettingsSnapshotProvider: ConfigProvider {
    var wrapped: any ConfigSnapshot
    var unsetKeys: Set<String> = []

    var providerName: String { wrapped.providerName }

    func value(forKey key: AbsoluteConfigKey, type: ConfigType) throws -> LookupResult {
        if unsetKeys.contains(key.description) { return LookupResult(encodedKey: key.description, value: nil) }
        return try wrapped.value(forKey: key, type: type)
    }

    func fetchValue(forKey key: AbsoluteConfigKey, type: ConfigType) async throws -> LookupResult {
        try value(forKey: key, type: type)
    }

    // The library is built with NonisolatedNonsendingByDefault, so its closure parameters are
    // `nonisolated(nonsending)`; a conformance from a module without that feature must say so.
    nonisolated(nonsending) func watchValue<Return: ~Copyable>(
        forKey key: AbsoluteConfigKey,
        type: ConfigType,
        updatesHandler:
            nonisolated(nonsending) (
                _ updates: ConfigUpdatesAsyncSequence<Result<LookupResult, any Error>, Never>
            ) async throws -> Return
    ) async throws -> Return {
        try await watchValueFromValue(forKey: key, type: type, updatesHandler: updatesHandler)
    }

    func snapshot() -> any ConfigSnapshot { wrapped }

    nonisolated(nonsending) func watchSnapshot<Return: ~Copyable>(
        updatesHandler:
            nonisolated(nonsending) (_ updates: ConfigUpdatesAsyncSequence<any ConfigSnapshot, Never>) async throws ->
            Return
    ) async throws -> Return {
        try await watchSnapshotFromSnapshot(updatesHandler: updatesHandler)
    }
}
