import NIOCore
import ServiceLifecycle

/// A task executor on an event loop of its own, for the work that must stay fast whatever the HTTP
/// API is doing: the engine's event stream and the enforcer.
///
/// Swift concurrency runs on NIO's shared event loops (see `Entry.swift`), which a busy API keeps
/// full; work queued behind it waited up to hundreds of milliseconds (BENCHMARKS.md). A thread of
/// its own competes for the CPU but never waits in the API's queue.
public final class DedicatedExecutor: TaskExecutor, @unchecked Sendable {
    // @unchecked: the event loop is thread-safe and never changes.
    public let eventLoop: any EventLoop

    public init(eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}

/// Runs a service with its tasks preferring `executor`.
public struct PinnedService<Base: Service>: Service {
    let base: Base
    let executor: DedicatedExecutor

    public init(_ base: Base, on executor: DedicatedExecutor) {
        self.base = base
        self.executor = executor
    }

    public func run() async throws {
        try await withTaskExecutorPreference(executor) { try await base.run() }
    }
}
