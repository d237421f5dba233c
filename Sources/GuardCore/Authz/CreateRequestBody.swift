import Foundation

/// What the plugin reads of a `POST /containers/create` body: the image and the labels. Any other
/// field, or a field of the wrong type, is ignored.
struct CreateRequestBody: Decodable {
    var image: String?
    var labels: [String: String]

    enum Keys: String, CodingKey { case image = "Image", labels = "Labels" }

    init(from decoder: any Decoder) throws {
        let json = try decoder.container(keyedBy: Keys.self)
        image = (try? json.decodeIfPresent(String.self, forKey: .image)) ?? nil
        labels = (try? json.decodeIfPresent([String: String].self, forKey: .labels)) ?? nil ?? [:]
    }

    static func decode(_ bytes: [UInt8]) -> CreateRequestBody? {
        try? JSONDecoder().decode(CreateRequestBody.self, from: Data(bytes))
    }
}

/// `{"Id": "…"}`, the create call's answer that AuthZRes carries.
struct CreateResponseBody: Decodable {
    var id: String

    enum CodingKeys: String, CodingKey { case id = "Id" }

    static func decode(_ bytes: [UInt8]) -> String? {
        (try? JSONDecoder().decode(CreateResponseBody.self, from: Data(bytes)))?.id
    }
}
