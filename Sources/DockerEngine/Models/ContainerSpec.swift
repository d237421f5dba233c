/// The body of `POST /containers/create`, limited to what dockerguard and its tests need.
public struct ContainerSpec: Sendable, Encodable {
    public var image: String
    public var cmd: [String]?
    public var labels: [String: String]?
    /// Seconds between SIGTERM and SIGKILL when the container is stopped.
    public var stopTimeout: Int?
    public var hostConfig: HostConfig?

    public struct HostConfig: Sendable, Encodable {
        public var restartPolicy: RestartPolicy?
        public var binds: [String]?
        public var networkMode: String?

        public struct RestartPolicy: Sendable, Encodable {
            public var name: String
            public init(name: String) { self.name = name }
            enum CodingKeys: String, CodingKey { case name = "Name" }
        }

        public init(restartPolicy: RestartPolicy? = nil, binds: [String]? = nil, networkMode: String? = nil) {
            self.restartPolicy = restartPolicy
            self.binds = binds
            self.networkMode = networkMode
        }

        enum CodingKeys: String, CodingKey {
            case restartPolicy = "RestartPolicy", binds = "Binds", networkMode = "NetworkMode"
        }
    }

    public init(
        image: String, cmd: [String]? = nil, labels: [String: String]? = nil, stopTimeout: Int? = nil,
        hostConfig: HostConfig? = nil
    ) {
        self.image = image
        self.cmd = cmd
        self.labels = labels
        self.stopTimeout = stopTimeout
        self.hostConfig = hostConfig
    }

    enum CodingKeys: String, CodingKey {
        case image = "Image", cmd = "Cmd", labels = "Labels", stopTimeout = "StopTimeout", hostConfig = "HostConfig"
    }
}
