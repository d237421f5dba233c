/// The parts of `GET /containers/{id}/json` (inspect) that dockerguard uses.
public struct ContainerDetails: Sendable, Hashable, Decodable {
    public var id: String
    /// The name with its leading `/`, exactly as inspect shows it.
    public var name: String
    /// RFC 3339 creation time with nanoseconds.
    public var created: String
    /// The image ID, `sha256:…`.
    public var image: String
    public var config: Config
    public var state: State
    public var hostConfig: HostConfig?
    /// Where the storage driver keeps the container's filesystem (overlay2: `UpperDir`, `LowerDir`, …).
    public var graphDriver: GraphDriver?
    /// Volumes and binds, and the networks and published ports (`ContainerDetails+Attachments`).
    public var mounts: [Mount]?
    public var networkSettings: NetworkSettings?

    public struct GraphDriver: Sendable, Hashable, Decodable {
        /// `overlay2`, `btrfs`, `vfs`, …
        public var name: String?
        public var data: [String: String]?

        /// overlay2's writable layer, the `upperdir=` of the container's root mount.
        public var upperDir: String? { data?["UpperDir"] }

        enum CodingKeys: String, CodingKey { case name = "Name", data = "Data" }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            name = try container.decodeIfPresent(String.self, forKey: .name)
            // Other drivers may put non-strings here: never let that fail the whole inspect.
            data = try? container.decodeIfPresent([String: String].self, forKey: .data)
        }
    }

    public struct Config: Sendable, Hashable, Decodable {
        /// The image reference as given at creation (`busybox:local`).
        public var image: String
        public var labels: [String: String]?
        public var cmd: [String]?
        public var entrypoint: [String]?
        /// `--user` as given, or the image's: `""` (the image's default, usually root), `NAME`, `UID[:GID]`.
        public var user: String?
        /// `-t`: the container's output is one raw stream, not multiplexed frames.
        public var tty: Bool?

        enum CodingKeys: String, CodingKey {
            case image = "Image", labels = "Labels", cmd = "Cmd", entrypoint = "Entrypoint", user = "User"
            case tty = "Tty"
        }
    }

    public struct State: Sendable, Hashable, Decodable {
        /// `created`, `running`, `paused`, `restarting`, `removing`, `exited` or `dead`.
        public var status: String
        public var running: Bool
        public var paused: Bool
        public var restarting: Bool
        public var exitCode: Int?
        /// The main process's PID in the engine's PID namespace (0 when not running).
        public var pid: Int?
        /// RFC 3339; `0001-01-01T00:00:00Z` when never started.
        public var startedAt: String?
        public var finishedAt: String?
        public var health: Health?

        public struct Health: Sendable, Hashable, Decodable {
            /// `starting`, `healthy` or `unhealthy`.
            public var status: String
            enum CodingKeys: String, CodingKey { case status = "Status" }
        }

        enum CodingKeys: String, CodingKey {
            case status = "Status", running = "Running", paused = "Paused", restarting = "Restarting"
            case exitCode = "ExitCode", pid = "Pid", startedAt = "StartedAt", finishedAt = "FinishedAt", health =
                "Health"
        }

        public init(from decoder: any Decoder) throws {
            let json = try decoder.container(keyedBy: CodingKeys.self)
            status = try json.decode(String.self, forKey: .status)
            running = try json.decode(Bool.self, forKey: .running)
            paused = try json.decode(Bool.self, forKey: .paused)
            restarting = try json.decode(Bool.self, forKey: .restarting)
            exitCode = try json.decodeIfPresent(Int.self, forKey: .exitCode)
            pid = try json.decodeIfPresent(Int.self, forKey: .pid)
            startedAt = try json.decodeIfPresent(String.self, forKey: .startedAt)
            finishedAt = try json.decodeIfPresent(String.self, forKey: .finishedAt)
            // Podman reports `{"Status": ""}` for a container without a health check; Docker leaves
            // Health out. Both mean: no health check.
            let health = try json.decodeIfPresent(Health.self, forKey: .health)
            self.health = health?.status.isEmpty == false ? health : nil
        }
    }

    public struct HostConfig: Sendable, Hashable, Decodable {
        public var restartPolicy: RestartPolicy?
        public var privileged: Bool?
        /// `default`, `bridge`, `none`, `host`, `container:ID` or a network's name.
        public var networkMode: String?
        /// `""`, `host` or `container:ID` (PID, IPC and UTS alike; IPC also `private`, `shareable`, `none`).
        public var pidMode: String?
        public var ipcMode: String?
        public var utsMode: String?
        public var capAdd: [String]?
        public var capDrop: [String]?
        public var devices: [Device]?
        public var deviceCgroupRules: [String]?
        /// `-v` as given: `SOURCE:TARGET[:OPTIONS]`; SOURCE is a host path or a volume's name.
        public var binds: [String]?
        /// `--mount` as given.
        public var mounts: [Mount]?
        /// `seccomp=unconfined`, `apparmor=…`, `no-new-privileges`, `label=…`, …
        public var securityOpt: [String]?

        public struct RestartPolicy: Sendable, Hashable, Decodable {
            /// `""`/`no`, `always`, `unless-stopped` or `on-failure`.
            public var name: String?
            public var maximumRetryCount: Int?
            enum CodingKeys: String, CodingKey { case name = "Name", maximumRetryCount = "MaximumRetryCount" }
        }

        public struct Device: Sendable, Hashable, Decodable {
            public var pathOnHost: String?
            enum CodingKeys: String, CodingKey { case pathOnHost = "PathOnHost" }
        }

        public struct Mount: Sendable, Hashable, Decodable {
            /// `bind`, `volume`, `tmpfs`, `npipe`, `cluster`, `image`.
            public var type: String?
            public var source: String?
            enum CodingKeys: String, CodingKey { case type = "Type", source = "Source" }
        }

        enum CodingKeys: String, CodingKey {
            case restartPolicy = "RestartPolicy", privileged = "Privileged", networkMode = "NetworkMode"
            case pidMode = "PidMode", ipcMode = "IpcMode", utsMode = "UTSMode", capAdd = "CapAdd", capDrop = "CapDrop"
            case devices = "Devices", deviceCgroupRules = "DeviceCgroupRules", binds = "Binds", mounts = "Mounts"
            case securityOpt = "SecurityOpt"
        }

        public init(from decoder: any Decoder) throws {
            // A field of an unexpected shape (another engine, another version) must never fail the
            // whole inspect: it is left out, and the guard judges what it could read.
            let json = try decoder.container(keyedBy: CodingKeys.self)
            restartPolicy = try? json.decodeIfPresent(RestartPolicy.self, forKey: .restartPolicy)
            privileged = try? json.decodeIfPresent(Bool.self, forKey: .privileged)
            networkMode = try? json.decodeIfPresent(String.self, forKey: .networkMode)
            pidMode = try? json.decodeIfPresent(String.self, forKey: .pidMode)
            ipcMode = try? json.decodeIfPresent(String.self, forKey: .ipcMode)
            utsMode = try? json.decodeIfPresent(String.self, forKey: .utsMode)
            capAdd = try? json.decodeIfPresent([String].self, forKey: .capAdd)
            capDrop = try? json.decodeIfPresent([String].self, forKey: .capDrop)
            devices = try? json.decodeIfPresent([Device].self, forKey: .devices)
            deviceCgroupRules = try? json.decodeIfPresent([String].self, forKey: .deviceCgroupRules)
            binds = try? json.decodeIfPresent([String].self, forKey: .binds)
            mounts = try? json.decodeIfPresent([Mount].self, forKey: .mounts)
            securityOpt = try? json.decodeIfPresent([String].self, forKey: .securityOpt)
        }
    }

    enum CodingKeys: String, CodingKey {
        case id = "Id", name = "Name", created = "Created", image = "Image", config = "Config"
        case state = "State", hostConfig = "HostConfig", graphDriver = "GraphDriver"
        case mounts = "Mounts", networkSettings = "NetworkSettings"
    }
}
