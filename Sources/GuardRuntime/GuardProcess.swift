import CoreMetrics
import GuardCore
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

    /// The nice value of the threads that serve the HTTP API.
    static let apiThreadNice: Int32 = 5

    /// Sets the process up, runs `body`, then stops the guard's thread, on every path.
    public static func run<Result>(_ body: (GuardProcess) async throws -> Result) async throws -> Result {
        let process = prepare()
        let result: Result
        do {
            result = try await body(process)
        } catch {
            try? await process.guardLoop.shutdownGracefully()
            throw error
        }
        try await process.guardLoop.shutdownGracefully()
        return result
    }

    private static func prepare() -> GuardProcess {
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
            metrics: metrics, guardLoop: guardLoop, executor: DedicatedExecutor(eventLoop: guardLoop.next()))
    }
}
