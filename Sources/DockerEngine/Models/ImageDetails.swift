/// The parts of `GET /images/{id}/json` that dockerguard uses: the names an image is known by.
public struct ImageDetails: Sendable, Hashable, Decodable {
    public var id: String
    /// `nginx:1.27`, `registry.example.com/team/app:2` …
    public var repoTags: [String]
    /// `nginx@sha256:…`
    public var repoDigests: [String]

    enum CodingKeys: String, CodingKey { case id = "Id", repoTags = "RepoTags", repoDigests = "RepoDigests" }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        repoTags = try container.decodeIfPresent([String].self, forKey: .repoTags) ?? []
        repoDigests = try container.decodeIfPresent([String].self, forKey: .repoDigests) ?? []
    }
}
