import DockerEngine

/// What dockerguard knows about one container: the engine's inspect, kept current by events.
///
/// A value type whose fields live in one shared box, copied only when a copy is changed: the store
/// hands every snapshot its array of records, so the next change copies that array, and copying a
/// record is then one retain instead of one per string and collection it holds. At 1,000
/// containers the per-field copies were a quarter of the first sync's CPU (BENCHMARKS.md, scale).
public struct ContainerRecord: Sendable, Hashable, Identifiable {
    /// The full 64-hex container ID.
    public var id: String {
        get { storage.fields.id }
        set { update { $0.id = newValue } }
    }
    /// The name exactly as inspect shows it, with its leading `/`.
    public var name: String {
        get { storage.fields.name }
        set { update { $0.name = newValue } }
    }
    /// The image reference the container was created from (`busybox:local`).
    public var imageRef: String {
        get { storage.fields.imageRef }
        set { update { $0.imageRef = newValue } }
    }
    /// The image ID, `sha256:…`.
    public var imageID: String {
        get { storage.fields.imageID }
        set { update { $0.imageID = newValue } }
    }
    /// The engine's state: `created`, `running`, `paused`, `restarting`, `removing`, `exited`, `dead`.
    public var state: String {
        get { storage.fields.state }
        set { update { $0.state = newValue } }
    }
    /// RFC 3339 timestamps as the engine writes them.
    public var createdAt: String {
        get { storage.fields.createdAt }
        set { update { $0.createdAt = newValue } }
    }
    public var startedAt: String? {
        get { storage.fields.startedAt }
        set { update { $0.startedAt = newValue } }
    }
    public var finishedAt: String? {
        get { storage.fields.finishedAt }
        set { update { $0.finishedAt = newValue } }
    }
    public var exitCode: Int? {
        get { storage.fields.exitCode }
        set { update { $0.exitCode = newValue } }
    }
    /// `starting`, `healthy` or `unhealthy` for containers with a health check.
    public var health: String? {
        get { storage.fields.health }
        set { update { $0.health = newValue } }
    }
    public var labels: [String: String] {
        get { storage.fields.labels }
        set { update { $0.labels = newValue } }
    }
    public var command: [String] {
        get { storage.fields.command }
        set { update { $0.command = newValue } }
    }
    /// `no`, `always`, `unless-stopped` or `on-failure`.
    public var restartPolicy: String {
        get { storage.fields.restartPolicy }
        set { update { $0.restartPolicy = newValue } }
    }
    /// The overlay upper directory of its root filesystem (overlay2 only): how the guard finds its own.
    public var upperDir: String? {
        get { storage.fields.upperDir }
        set { update { $0.upperDir = newValue } }
    }
    /// How it runs (from inspect's `HostConfig` and `Config.User`): what the security profile judges.
    public var runtime: RuntimeFacts {
        get { storage.fields.runtime }
        set { update { $0.runtime = newValue } }
    }
    /// For the detail pane: published ports (`0.0.0.0:80->8080/tcp`, as `docker ps` writes them),
    /// mounts (`/srv/data:/data`, `:ro` when read-only) and network names, each sorted.
    public var ports: [String] {
        get { storage.fields.ports }
        set { update { $0.ports = newValue } }
    }
    public var mounts: [String] {
        get { storage.fields.mounts }
        set { update { $0.mounts = newValue } }
    }
    public var networks: [String] {
        get { storage.fields.networks }
        set { update { $0.networks = newValue } }
    }

    public init(
        id: String, name: String, imageRef: String, imageID: String, state: String,
        createdAt: String, startedAt: String? = nil, finishedAt: String? = nil, exitCode: Int? = nil,
        health: String? = nil, labels: [String: String] = [:], command: [String] = [], restartPolicy: String = "no",
        upperDir: String? = nil, runtime: RuntimeFacts = RuntimeFacts()
    ) {
        storage = Storage(
            Fields(
                id: id, name: name, imageRef: imageRef, imageID: imageID, state: state, createdAt: createdAt,
                startedAt: startedAt, finishedAt: finishedAt, exitCode: exitCode, health: health, labels: labels,
                command: command, restartPolicy: restartPolicy, upperDir: upperDir, runtime: runtime))
    }

    /// The name without the leading `/`, as `docker ps` shows it.
    public var displayName: String {
        name.hasPrefix("/") ? String(name.dropFirst()) : name
    }

    public var isRunning: Bool { state == "running" }

    /// The first 12 hex digits, as `docker ps` shows the ID.
    public var shortID: String { String(id.prefix(12)) }

    public static func == (lhs: ContainerRecord, rhs: ContainerRecord) -> Bool {
        lhs.storage === rhs.storage || lhs.storage.fields == rhs.storage.fields
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(storage.fields)
    }

    // MARK: - Storage

    private struct Fields: Hashable, Sendable {
        var id: String
        var name: String
        var imageRef: String
        var imageID: String
        var state: String
        var createdAt: String
        var startedAt: String?
        var finishedAt: String?
        var exitCode: Int?
        var health: String?
        var labels: [String: String]
        var command: [String]
        var restartPolicy: String
        var upperDir: String?
        var runtime: RuntimeFacts
        var ports: [String] = []
        var mounts: [String] = []
        var networks: [String] = []
    }

    /// Changed only while no other record shares it (``update(_:)``), so sharing it is safe.
    private final class Storage: @unchecked Sendable {
        var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var storage: Storage

    private mutating func update(_ change: (inout Fields) -> Void) {
        if !isKnownUniquelyReferenced(&storage) { storage = Storage(storage.fields) }
        change(&storage.fields)
    }
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
            // Only a process that ran has exited: the engine says 0 for one created and never started.
            exitCode: details.state.running || never(details.state.startedAt ?? "") ? nil : details.state.exitCode,
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
