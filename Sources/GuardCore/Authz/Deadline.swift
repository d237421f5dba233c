import Dispatch
import Synchronization

/// Runs `work` and returns its result, or nil once `budget` has passed, whichever comes first.
/// The work is not awaited past the budget (it is cancelled and left to finish on its own), so a
/// call that ignores cancellation cannot hold the caller: the engine blocks an API call for as
/// long as its plugin does not answer. The timer is a Dispatch timer, not a task: it fires even
/// when every thread of the executors is busy; the work runs on `executor` (the plugin's own).
func withDeadline<T: Sendable>(
    _ budget: Duration, on executor: (any TaskExecutor)? = nil, _ work: @escaping @Sendable () async -> T
) async -> T? {
    let race = DeadlineRace<T>()
    return await withCheckedContinuation { continuation in
        race.start(continuation)
        let worker = Task(executorPreference: executor) { race.finish(with: await work()) }
        race.setWorker(worker)
        let nanoseconds =
            Int(budget.components.seconds) * 1_000_000_000 + Int(budget.components.attoseconds / 1_000_000_000)
        // Firing after the work has won is harmless: the race is already decided.
        DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(nanoseconds)) { race.finish(with: nil) }
    }
}

/// Resumes the continuation exactly once, then cancels the work if it lost.
private final class DeadlineRace<T: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<T?, Never>?
        var worker: Task<Void, Never>?
        var done = false
    }

    private let state = Mutex(State())

    func start(_ continuation: CheckedContinuation<T?, Never>) {
        state.withLock { $0.continuation = continuation }
    }

    func setWorker(_ worker: Task<Void, Never>) {
        let finished = state.withLock { state in
            state.worker = worker
            return state.done
        }
        if finished { worker.cancel() }
    }

    func finish(with value: T?) {
        let (continuation, worker) = state.withLock { state in
            guard !state.done else { return (CheckedContinuation<T?, Never>?.none, Task<Void, Never>?.none) }
            state.done = true
            defer { state.continuation = nil }
            return (state.continuation, state.worker)
        }
        guard let continuation else { return }
        continuation.resume(returning: value)
        if value == nil { worker?.cancel() }
    }
}
