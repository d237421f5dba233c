import Synchronization

/// Runs `work` and returns its result, or nil once `budget` has passed, whichever comes first.
/// The work is not awaited past the budget (it is cancelled and left to finish on its own), so a
/// call that ignores cancellation cannot hold the caller: the engine blocks an API call for as
/// long as its plugin does not answer.
func withDeadline<T: Sendable>(_ budget: Duration, _ work: @escaping @Sendable () async -> T) async -> T? {
    let race = DeadlineRace<T>()
    return await withCheckedContinuation { continuation in
        race.start(continuation)
        let worker = Task { race.finish(with: await work()) }
        let timer = Task {
            try? await Task.sleep(for: budget)
            race.finish(with: nil)
        }
        race.setTasks(worker: worker, timer: timer)
    }
}

/// Resumes the continuation exactly once, then cancels whichever task lost.
private final class DeadlineRace<T: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<T?, Never>?
        var worker: Task<Void, Never>?
        var timer: Task<Void, Never>?
        var done = false
    }

    private let state = Mutex(State())

    func start(_ continuation: CheckedContinuation<T?, Never>) {
        state.withLock { $0.continuation = continuation }
    }

    func setTasks(worker: Task<Void, Never>, timer: Task<Void, Never>) {
        let finished = state.withLock { state in
            state.worker = worker
            state.timer = timer
            return state.done
        }
        if finished { worker.cancel(); timer.cancel() }
    }

    func finish(with value: T?) {
        let (continuation, tasks) = state.withLock { state -> (CheckedContinuation<T?, Never>?, [Task<Void, Never>]) in
            guard !state.done else { return (nil, []) }
            state.done = true
            defer { state.continuation = nil }
            return (state.continuation, [state.worker, state.timer].compactMap { $0 })
        }
        guard let continuation else { return }
        continuation.resume(returning: value)
        for task in tasks { task.cancel() }
    }
}
