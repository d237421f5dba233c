import DockerEngine

/// What dockerguard knows about one container: the engine's inspect, kept current by events.
public struct ContainerRecord: Sendable, Hashable, Identifiable {
    /// The full 64-hex container ID.
    public var id: String
    /// The name exactly as inspect shows it, with its leading `/`.
    public var name: String
    /// The image reference the container was created from (`busybox:local`).
    public var imageRef: String
    /// The image ID, `sha256:…`.
    public var imageID: String
    /// The engine's state: `created`, `running`, `paused`, `restarting`, `removing`, `exited`, `dead`.
    public var state: String
    /// RFC 3339 timestamps as the engine writes them.
    public var createdAt: String
    public var startedAt: String?
    public var finishedAt: String?
    public var exitCode: Int?
    /// `starting`, `healthy` or `unhealthy` for containers with a health check.
    public var health: String?
    public var labels: [String: String]
    public var command: [String]
    /// `no`, `always`, `unless-stopped` or `on-failure`.
    public var restartPolicy: String
    /// The overlay upper directory of its root filesystem (overlay2 only): how the guard finds its own.
    public var upperDir: String?
    /// How it runs (from inspect's `HostConfig` and `Config.User`): what the security profile judges.
    public var runtime: RuntimeFacts
    /// For the detail pane: published ports (`0.0.0.0:80->8080/tcp`, as `docker ps` writes them),
    /// mounts (`/srv/data:/data`, `:ro` when read-only) and network names, each sorted.
    public var ports: [String] = []
    public var mounts: [String] = []
    public var networks: [String] = []

    public init(
        id: String, name: String, imageRef: String, imageID: String, state: String,
        createdAt: String, startedAt: String? = nil, finishedAt: String? = nil, exitCode: Int? = nil,
        health: String? = nil, labels: [String: String] = [:], command: [String] = [], restartPolicy: String = "no",
        upperDir: String? = nil, runtime: RuntimeFacts = RuntimeFacts()
    ) {
        self.runtime = runtime
        self.id = id
        self.name = name
        self.imageRef = imageRef
        self.imageID = imageID
        self.state = state
        self.createdAt = createdAt
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.exitCode = exitCode
        self.health = health
        self.labels = labels
        self.command = command
        self.restartPolicy = restartPolicy
        self.upperDir = upperDir
    }

    /// The name without the leading `/`, as `docker ps` shows it.
    public var displayName: String {
        name.hasPrefix("/") ? String(name.dropFirst()) : name
    }

    public var isRunning: Bool { state == "running" }

    /// The first 12 hex digits, as `docker ps` shows the ID.
    public var shortID: String { String(id.prefix(12)) }
}

extension ContainerRecord {
    /// Builds the record from an inspect answer.
    public init(_ details: ContainerDetails) {
        let never = EngineTimestamp.isZero
        self.init(
            id: details.id,
            name: details.name,
            imageRef: details.config.image,
            imageID: details.image,
            state: details.state.status,
            createdAt: details.created,
            startedAt: details.state.startedAt.flatMap { never($0) ? nil : $0 },
            finishedAt: details.state.finishedAt.flatMap { never($0) ? nil : $0 },
            exitCode: details.state.running ? nil : details.state.exitCode,
            health: details.state.health?.status,
            labels: details.config.labels ?? [:],
            command: (details.config.entrypoint ?? []) + (details.config.cmd ?? []),
            restartPolicy: details.hostConfig?.restartPolicy?.name.flatMap { $0.isEmpty ? nil : $0 } ?? "no",
            upperDir: details.graphDriver?.upperDir,
            runtime: RuntimeFacts(details)
        )
        ports = Self.ports(details.networkSettings?.ports ?? [:])
        mounts = (details.mounts ?? []).map(Self.mount).sorted()
        networks = (details.networkSettings?.networks ?? [:]).keys.sorted()
    }

    /// `docker ps`'s PORTS words: `0.0.0.0:80->8080/tcp`, or `8080/tcp` when only exposed.
    static func ports(_ ports: [String: [ContainerDetails.NetworkSettings.PortBinding]?]) -> [String] {
        ports.flatMap { port, bindings in
            let bindings = bindings ?? []
            guard !bindings.isEmpty else { return [port] }
            return bindings.map { "\($0.hostIP ?? ""):\($0.hostPort ?? "")->\(port)" }
        }.sorted()
    }

    /// `SOURCE:DESTINATION`, with `:ro` when read-only: a volume by its name, a bind by its path.
    static func mount(_ mount: ContainerDetails.Mount) -> String {
        let source = mount.type == "volume" ? (mount.name ?? mount.source ?? "") : (mount.source ?? "")
        return "\(source):\(mount.destination ?? "")" + (mount.rw == false ? ":ro" : "")
    }
}
