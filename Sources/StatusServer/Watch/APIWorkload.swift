import GuardCore
import NIOCore

/// The API's work for one change, callable without a server: for the in-process scale benchmark
/// (`dockerguard-bench-scale`), which drives it with synthetic events.
public struct APIWorkload {
    private var table: WatchTable
    let aliases: ImageAliases
    private let bodies = ContainersBody()

    public init(aliases: ImageAliases = ImageAliases()) {
        self.aliases = aliases
        table = WatchTable(aliases: aliases)
    }

    /// What the watch stream does with a new snapshot: the difference, judged, encoded as its
    /// event. Returns the event's size in bytes.
    public mutating func watchEvent(_ snapshot: ContainerSnapshot, policy: PolicyState.Current?) -> Int {
        let version = WatchVersion(snapshot, policy)
        let delta = table.advance(to: snapshot, policy: policy, version: version)
        return WatchEvent.encode(.change, id: version, delta).readableBytes
    }

    /// `/containers`' body for a snapshot (running containers, judged), as the route makes it
    /// after the previous snapshot's: its size in bytes.
    public func containersBody(_ snapshot: ContainerSnapshot, policy: PolicyState.Current?) -> Int {
        bodies.encode(snapshot, all: false, violating: false, policy: policy, aliases: aliases).readableBytes
    }
}
