import CoreMetrics
import GuardCore
import Logging
import NIOCore
import NIOPosix
import Prometheus

/// What a guard takes from its process, which there is one of: the metrics registry (swift-metrics
/// can be bootstrapped once), the guard's own thread, and the priority of the threads that serve
/// the HTTP API. Each executable's command sets it up around its run with ``run(_:)``.
public struct GuardProcess: Sendable {
    /// The registry `/metrics` renders; swift-metrics reports into it too.
    public let metrics: GuardMetrics
    /// The one thread the engine link and the enforcer run on, and its executor.
    let guardLoop: MultiThreadedEventLoopGroup
    let executor: DedicatedExecutor
    /// Ends the process if it has begun to stop and does not (``ShutdownWatchdog``): every
    /// command's services run through its ``ShutdownWatchdog/track(_:)``.
    public let watchdog: ShutdownWatchdog

    /// The nice value of the threads that serve the HTTP API.
    static let apiThreadNice: Int32 = 5

    /// Sets the process up, runs `body`, then stops the guard's thread once it ended well. Once
    /// `body` has ended the process has the watchdog's limit to exit.
    public static func run<Result>(
        logger: Logger, _ body: (GuardProcess) async throws -> Result
    ) async throws -> Result {
        let process = prepare(logger: logger)
        let result: Result
        do {
            result = try await body(process)
        } catch {
            // The guard's thread is left to the process's exit, which follows: a failure that
            // came early (the API's port taken) can leave the engine link's connection closing
            // on it, and a shut-down loop then printed NIO's "Cannot schedule tasks on an
            // EventLoop that has already shut down" under the one-line error (1 run in 25).
            process.watchdog.arm("the command failed: \(error)")
            throw error
        }
        process.watchdog.arm("the command ended")
        try await process.guardLoop.shutdownGracefully()
        return result
    }

    private static func prepare(logger: Logger) -> GuardProcess {
        // The shared loops serve the HTTP API: under contention they yield to the engine and to
        // the guard's loop (BENCHMARKS.md, enforcement under load).
        for loop in MultiThreadedEventLoopGroup.singleton.makeIterator() {
            loop.execute { ThreadPriority.setCurrentThread(nice: apiThreadNice) }
        }
        let metrics = GuardMetrics()
        metrics.recordBuild(version: CommandLineEntry.version)
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: metrics.registry))
        let guardLoop = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        return GuardProcess(
            metrics: metrics, guardLoop: guardLoop, executor: DedicatedExecutor(eventLoop: guardLoop.next()),
            watchdog: ShutdownWatchdog(logger: logger))
    }
}
