/// What a container is attached to, as inspect shows it: its mounts, its networks and its
/// published ports (for the dashboard's detail pane).
extension ContainerDetails {
    public struct Mount: Sendable, Hashable, Decodable {
        /// `bind`, `volume`, `tmpfs`, …
        public var type: String?
        /// The host path, or the volume's name.
        public var source: String?
        public var name: String?
        public var destination: String?
        /// False for a read-only mount.
        public var rw: Bool?

        enum CodingKeys: String, CodingKey {
            case type = "Type", source = "Source", name = "Name", destination = "Destination", rw = "RW"
        }
    }

    public struct NetworkSettings: Sendable, Hashable, Decodable {
        /// `"8080/tcp": [{"HostIp": "0.0.0.0", "HostPort": "80"}]`; null for an exposed, unpublished port.
        public var ports: [String: [PortBinding]?]?
        public var networks: [String: Network]?

        public struct PortBinding: Sendable, Hashable, Decodable {
            public var hostIP: String?
            public var hostPort: String?
            enum CodingKeys: String, CodingKey { case hostIP = "HostIp", hostPort = "HostPort" }
        }

        public struct Network: Sendable, Hashable, Decodable {
            public var ipAddress: String?
            enum CodingKeys: String, CodingKey { case ipAddress = "IPAddress" }
        }

        enum CodingKeys: String, CodingKey { case ports = "Ports", networks = "Networks" }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            // Shapes vary between engine versions: never let them fail the whole inspect.
            ports = try? container.decodeIfPresent([String: [PortBinding]?].self, forKey: .ports)
            networks = try? container.decodeIfPresent([String: Network].self, forKey: .networks)
        }
    }
}
