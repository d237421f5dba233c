/// One entry of `GET /containers/json`.
public struct ContainerSummary: Sendable, Hashable, Decodable {
    public var id: String
    /// Names as the engine lists them, each with a leading `/`.
    public var names: [String]
    /// The image reference the container was created from (`busybox:local`) or an image ID.
    public var image: String
    /// The image ID, `sha256:…`.
    public var imageID: String
    public var command: String?
    /// Creation time, seconds since the epoch.
    public var created: Int64
    /// `created`, `running`, `paused`, `restarting`, `removing`, `exited` or `dead`.
    public var state: String
    /// Human text such as `Up 3 minutes`.
    public var status: String?
    public var labels: [String: String]?

    enum CodingKeys: String, CodingKey {
        case id = "Id", names = "Names", image = "Image", imageID = "ImageID", command = "Command"
        case created = "Created", state = "State", status = "Status", labels = "Labels"
    }
}
