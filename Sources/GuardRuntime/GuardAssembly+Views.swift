import GuardCore

extension GuardAssembly {
    /// What the dashboard's views read of one container (logs, inspect, stats), on the same
    /// client and endpoint as the guard.
    public var containerViews: ContainerViews { ContainerViews(client: client) }
}
