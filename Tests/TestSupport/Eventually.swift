import Foundation

/// Polls `condition` every 20 ms until it holds or `timeout` passes; returns how long it took, or
/// nil when it never held. Tests assert on the result, so a slow path fails with the figure.
public func eventually(
    timeout: Duration = .seconds(5), _ condition: () async throws -> Bool
) async rethrows -> Duration? {
    PoolStallMonitor.start()
    let clock = ContinuousClock()
    let start = clock.now
    while true {
        if try await condition() { return clock.now - start }
        if clock.now - start > timeout { return nil }
        try? await Task.sleep(for: .milliseconds(20))
    }
}
