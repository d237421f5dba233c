import Foundation
import Synchronization

/// Watches the cooperative pool the whole suite shares (as many threads as cores: two here). Every
/// 100 ms its own thread enqueues a task and measures how late it starts; a test that blocks the
/// pool's threads (a subprocess, a wait) shows up as lag, and every test beside it stalls. Lags over
/// a second are printed as they happen; the worst is printed when the test process exits.
///
/// With `DOCKERGUARD_POOL_STALL_STACKS=DIR`, a probe still waiting after 2 s makes it write every
/// thread's stack (`eu-stack`) to DIR, at most once every 20 s: what holds the pool, by name.
public enum PoolStallMonitor {
    private static let worst = Mutex<Duration>(.zero)
    /// When the probe not yet started was sent; nil once it ran.
    private static let waitingSince = Mutex<ContinuousClock.Instant?>(nil)
    private static let clock = ContinuousClock()
    private static let stacksDirectory = ProcessInfo.processInfo.environment["DOCKERGUARD_POOL_STALL_STACKS"]
    private static let started: Void = {
        Thread.detachNewThread { watch() }
        atexit { PoolStallMonitor.report() }
    }()

    /// Starts the monitor once per process; later calls do nothing.
    public static func start() { _ = started }

    private static func watch() {
        var lastDump: ContinuousClock.Instant?
        while true {
            if let since = waitingSince.withLock({ $0 }) {
                // The last probe has not started yet: the pool is held.
                if clock.now - since > .seconds(2), let directory = stacksDirectory,
                    lastDump.map({ clock.now - $0 > .seconds(20) }) ?? true
                {
                    lastDump = clock.now
                    dumpStacks(into: directory, lag: clock.now - since)
                }
            } else {
                probe()
            }
            usleep(100_000)
        }
    }

    private static func probe() {
        let sent = clock.now
        waitingSince.withLock { $0 = sent }
        Task.detached {
            let lag = clock.now - sent
            waitingSince.withLock { $0 = nil }
            let isWorst = worst.withLock { worst in
                guard lag > worst else { return false }
                worst = lag
                return true
            }
            if lag > .seconds(1) && isWorst {
                FileHandle.standardError.write(
                    Data("pool-stall-monitor: a task waited \(lag) for a cooperative thread\n".utf8))
            }
        }
    }

    private static func dumpStacks(into directory: String, lag: Duration) {
        let path = "\(directory)/pool-stall-\(getpid())-\(Int(Date().timeIntervalSince1970)).txt"
        FileManager.default.createFile(atPath: path, contents: Data("waiting \(lag)\n".utf8))
        guard let output = FileHandle(forWritingAtPath: path) else { return }
        output.seekToEndOfFile()
        let stack = Process()
        stack.executableURL = URL(fileURLWithPath: "/usr/bin/eu-stack")
        stack.arguments = ["-p", "\(getpid())"]
        stack.standardOutput = output
        stack.standardError = output
        try? stack.run()
        stack.waitUntilExit()
        try? output.close()
        FileHandle.standardError.write(Data("pool-stall-monitor: stacks after \(lag) in \(path)\n".utf8))
    }

    private static func report() {
        let lag = worst.withLock { $0 }
        FileHandle.standardError.write(Data("pool-stall-monitor: worst wait for a cooperative thread: \(lag)\n".utf8))
    }
}
