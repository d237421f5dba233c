/// Whether a decision may ask the engine. Most decisions need only what the plugin holds (the
/// request, the store, a create seen a moment ago), so each is first made ``InPlace``: on the
/// plugin's own thread, with no task, timer or hop between threads. Only one that has to ask the
/// engine is made again ``Asking`` it, under the deadline. The two cannot disagree: they are the
/// same code, and ``InPlace`` stops where ``Asking`` would call the engine.
protocol EngineAccess: Sendable {
    associatedtype Failure: Error
    /// The engine to ask, or `Failure` when this decision may not.
    func engine() throws(Failure) -> any AuthzEngineLookup
}

/// The decision would have to ask the engine.
struct NeedsEngine: Error {}

/// From what the plugin holds: stops with ``NeedsEngine`` where the engine would be asked.
struct InPlace: EngineAccess {
    func engine() throws(NeedsEngine) -> any AuthzEngineLookup { throw NeedsEngine() }
}

/// May ask the engine (always under a deadline): never fails.
struct Asking: EngineAccess {
    let lookup: any AuthzEngineLookup

    func engine() -> any AuthzEngineLookup { lookup }
}
