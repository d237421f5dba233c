import NIOConcurrencyHelpers
import NIOPosix

/// Containers' resource figures read from their cgroup files when the engine runs on this host,
/// instead of asking the engine. A one-shot `/stats` request costs dockerd and containerd ~7 ms of
/// CPU (BENCHMARKS.md, issue 15); reading the same counters here costs the engine nothing. A
/// container's files are found once, from the PID its inspect gives; one whose files cannot be
/// found (an engine in a VM, another PID namespace) is remembered and left to the engine.
final class LocalCgroupStats: Sendable {
    private enum Place: Sendable {
        case files(CgroupFiles)
        case engineOnly
    }

    private let places = NIOLockedValueBox<[String: Place]>([:])
    /// File reads are blocking system calls: they run on NIO's thread pool, not the cooperative one.
    private let threads: NIOThreadPool
    /// How many containers' places are kept at most (rows on screen, in practice far fewer).
    static let capacity = 4096

    init(threads: NIOThreadPool = .singleton) {
        self.threads = threads
    }

    /// A sample from the cgroup files, or nil when the engine must be asked (not running, not
    /// found on this host, or gone since: the place is then looked up again next time).
    func sample(_ id: String, inspect: @Sendable (String) async throws(EngineError) -> ContainerDetails) async
        -> ContainerStats?
    {
        let known = places.withLockedValue { $0[id] }
        let files: CgroupFiles
        switch known {
        case .engineOnly?:
            return nil
        case .files(let found)?:
            files = found
        case nil:
            guard let details = try? await inspect(id), details.state.running, let pid = details.state.pid else {
                return nil
            }
            let containerID = details.id
            let found = try? await threads.runIfActive { CgroupFiles.locate(containerID: containerID, pid: pid) }
            remember(id, found.map(Place.files) ?? .engineOnly)
            guard let found else { return nil }
            files = found
        }
        if let stats = try? await threads.runIfActive({ try files.read() }) { return stats }
        places.withLockedValue { _ = $0.removeValue(forKey: id) }
        return nil
    }

    private func remember(_ id: String, _ place: Place) {
        places.withLockedValue { places in
            if places.count >= Self.capacity { places.removeAll(keepingCapacity: true) }
            places[id] = place
        }
    }
}
