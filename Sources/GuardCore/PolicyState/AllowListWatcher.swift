import Glibc
import Logging
import ServiceLifecycle

/// Loads the allow-list file and reloads it when it changes on disk, including an editor's
/// write-to-temp-then-rename (a new inode) and a ConfigMap's symlink swap.
///
/// It polls `stat` twice a second: that costs nothing measurable, works on every filesystem
/// (inotify misses changes behind bind mounts and ConfigMap symlinks) and keeps a change in force
/// well within the 2 s promised.
public struct AllowListWatcher: Service {
    let state: PolicyState
    let interval: Duration
    let maxBytes: Int
    let metrics: GuardMetrics
    let logger: Logger

    public init(
        state: PolicyState, interval: Duration = .milliseconds(500), maxBytes: Int = 4 << 20,
        metrics: GuardMetrics = GuardMetrics(), logger: Logger
    ) {
        self.state = state
        self.interval = interval
        self.maxBytes = maxBytes
        self.metrics = metrics
        self.logger = logger
    }

    public func run() async throws {
        var seen = loadIfChanged(since: nil)
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            do { try await Task.sleep(for: interval) } catch { return }
            seen = loadIfChanged(since: seen)
        }
    }

    /// What identifies one version of the file on disk.
    struct FileStamp: Equatable {
        var device: UInt64
        var inode: UInt64
        var size: Int64
        var modified: Int64
        var modifiedNanos: Int64
        /// Missing file.
        static let absent = FileStamp(device: 0, inode: 0, size: -1, modified: 0, modifiedNanos: 0)
    }

    static func stamp(_ path: String) -> FileStamp {
        var info = stat()
        guard stat(path, &info) == 0 else { return .absent }  // stat follows symlinks: a swapped target counts
        return FileStamp(
            device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int64(info.st_size),
            modified: Int64(info.st_mtim.tv_sec), modifiedNanos: Int64(info.st_mtim.tv_nsec))
    }

    /// Loads the file when its stamp differs from `since`; returns the stamp now seen.
    @discardableResult
    func loadIfChanged(since previous: FileStamp?) -> FileStamp {
        let path = state.current.path
        let stamp = Self.stamp(path)
        guard stamp != previous else { return stamp }
        switch AllowList.load(path: path, maxBytes: maxBytes) {
        case .success(let list):
            state.apply(list, at: WallClock.seconds())
            logger.info(
                "allow-list loaded", metadata: ["path": "\(path)", "rules": .stringConvertible(list.rules.count)])
        case .failure(let errors):
            let message = errors.errors.map(\.description).joined(separator: "\n")
            state.reject(message)
            metrics.allowListRejected()
            let kept =
                state.current.allowList == nil
                ? "no list in force: nothing is acted on" : "the last good list stays in force"
            logger.error("allow-list not applied; \(kept)", metadata: ["path": "\(path)", "error": "\(message)"])
        }
        return stamp
    }
}
