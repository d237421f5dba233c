import Synchronization
import TestSupport
import Testing

@testable import DockerEngine

@Suite("request slots: at most N requests at once over a dear connection")
struct RequestSlotsTests {
    @Test("a request beyond the limit waits for a release; each release lets one more in")
    func waitsInOrder() async {
        let slots = RequestSlots(limit: 2)
        await slots.acquire()
        await slots.acquire()
        let order = Granted()
        let (starts, started) = AsyncStream<Void>.makeStream()
        let waiters = (1...2).map { number in
            Task {
                started.yield()
                await slots.acquire()
                order.numbers.withLock { $0.append(number) }
            }
        }
        // Both waiters are asking (a task that never got a slot has appended nothing).
        var iterator = starts.makeAsyncIterator()
        _ = await iterator.next()
        _ = await iterator.next()
        #expect(order.numbers.withLock { $0 }.isEmpty)
        slots.release()
        let one = await eventually { order.numbers.withLock { $0.count } == 1 }
        #expect(one != nil)
        slots.release()
        for waiter in waiters { await waiter.value }
        #expect(order.numbers.withLock { $0 }.sorted() == [1, 2])
    }
}

/// The waiters that got a slot, in the order they got it.
private final class Granted: Sendable {
    let numbers = Mutex<[Int]>([])
}
