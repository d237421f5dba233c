import DockerEngine

extension RuntimeFacts {
    /// How a container runs, from its inspect (`HostConfig`, `Config.User`). An inspect without
    /// `HostConfig` (not the Docker engine) is judged as unknown.
    public init(_ details: ContainerDetails) {
        guard let host = details.hostConfig else {
            self = .unknown
            return
        }
        self.init(
            privileged: host.privileged ?? false, networkMode: host.networkMode ?? "", pidMode: host.pidMode ?? "",
            ipcMode: host.ipcMode ?? "", utsMode: host.utsMode ?? "", capAdd: host.capAdd ?? [],
            capDrop: host.capDrop ?? [], devices: (host.devices ?? []).compactMap(\.pathOnHost),
            deviceCgroupRules: host.deviceCgroupRules ?? [],
            bindSources: Self.bindSources(
                binds: host.binds ?? [], mounts: (host.mounts ?? []).map { ($0.type ?? "", $0.source ?? "") }),
            securityOptions: host.securityOpt ?? [], user: details.config.user ?? "")
    }
}
