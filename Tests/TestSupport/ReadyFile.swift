import Foundation

/// What `--ready-file` says once the API listens: `{"listen":"127.0.0.1:PORT","pid":N}`.
public struct ReadyFileContents: Sendable, Equatable {
    public var listen: String
    public var pid: Int

    /// Reads it; nil until the guard has written it (it is written atomically: whole or absent).
    public static func read(_ path: String) -> ReadyFileContents? {
        guard let data = FileManager.default.contents(atPath: path),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let listen = object["listen"] as? String, let pid = object["pid"] as? Int
        else { return nil }
        return ReadyFileContents(listen: listen, pid: pid)
    }

    /// Waits for the file; nil when it did not appear in time or `alive` turned false first. A
    /// liveness bound: a debug build under the whole suite once took 5 s to log its first line.
    public static func wait(
        _ path: String, timeout: Duration = .seconds(30), while alive: () -> Bool = { true }
    ) async -> ReadyFileContents? {
        var contents: ReadyFileContents?
        _ = await eventually(timeout: timeout) {
            contents = read(path)
            return contents != nil || !alive()
        }
        return contents
    }
}

extension HTTPProbe {
    /// Waits until `/readyz` answers 200 (engine reachable, first sync done); how long it took, or nil.
    /// A liveness bound: a debug guard's first sync under the whole suite has taken more than 5 s.
    public func waitUntilReady(timeout: Duration = .seconds(30)) async -> Duration? {
        await eventually(timeout: timeout) { (try? await get("/readyz").status) == 200 }
    }

    /// Waits until `/readyz` answers `status`; how long it took, or nil.
    public func waitForReadiness(_ status: Int, timeout: Duration = .seconds(5)) async -> Duration? {
        await eventually(timeout: timeout) { (try? await get("/readyz").status) == status }
    }
}
