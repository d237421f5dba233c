import NIOConcurrencyHelpers

/// At most `limit` requests at once; the rest wait in order for a free slot. Over ssh each
/// connection is an ssh session and a `docker system dial-stdio` on the far side, so a burst of
/// requests (a sync's 32 inspects) waits for the pool's few connections instead of opening one
/// each and closing all but the idle few afterwards.
final class RequestSlots: Sendable {
    private struct State {
        var free: Int
        var waiting: [CheckedContinuation<Void, Never>] = []
    }

    private let state: NIOLockedValueBox<State>

    init(limit: Int) {
        state = NIOLockedValueBox(State(free: max(limit, 1)))
    }

    func acquire() async {
        await withCheckedContinuation { continuation in
            let granted = state.withLockedValue { state in
                guard state.free > 0 else {
                    state.waiting.append(continuation)
                    return false
                }
                state.free -= 1
                return true
            }
            if granted { continuation.resume() }
        }
    }

    /// Hands the slot to the longest waiting request, or frees it.
    func release() {
        let next = state.withLockedValue { state -> CheckedContinuation<Void, Never>? in
            guard !state.waiting.isEmpty else {
                state.free += 1
                return nil
            }
            return state.waiting.removeFirst()
        }
        next?.resume()
    }
}
