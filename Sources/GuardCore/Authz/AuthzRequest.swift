import Foundation

/// What the engine sends to `AuthZPlugin.AuthZReq` and `AuthZPlugin.AuthZRes`, with the keys spelled
/// as moby's `pkg/authorization` encodes them (the public docs spell several differently).
///
/// Decoding never fails on a field: a missing key or a value of the wrong type reads as absent, so
/// that a malformed request still gets an answer (the failure policy) instead of an error.
public struct AuthzRequest: Sendable, Equatable {
    public var user: String
    public var method: String
    /// Raw, with the API version prefix and the query: `/v1.41/containers/create?name=x`.
    public var uri: String
    public var requestBody: Body
    public var responseBody: Body
    public var responseStatusCode: Int?

    /// A body as the engine forwards it: base64 in the JSON, or left out (not JSON, too large).
    public enum Body: Sendable, Equatable {
        case absent
        case bytes([UInt8])
        /// Present but not valid base64.
        case notBase64

        public var bytes: [UInt8]? {
            if case .bytes(let bytes) = self { bytes } else { nil }
        }
    }

    public init(
        user: String = "", method: String, uri: String, requestBody: Body = .absent, responseBody: Body = .absent,
        responseStatusCode: Int? = nil
    ) {
        self.user = user
        self.method = method
        self.uri = uri
        self.requestBody = requestBody
        self.responseBody = responseBody
        self.responseStatusCode = responseStatusCode
    }

    /// Decodes the engine's JSON; nil when it is not a JSON object at all.
    public static func decode(_ json: [UInt8]) -> AuthzRequest? {
        try? JSONDecoder().decode(Wire.self, from: Data(json)).request
    }
}

extension AuthzRequest {
    /// The JSON as sent; each field decoded on its own so one bad value spoils nothing else.
    struct Wire: Decodable {
        let request: AuthzRequest

        enum Keys: String, CodingKey {
            case user = "User", method = "RequestMethod", uri = "RequestUri", requestBody = "RequestBody"
            case responseBody = "ResponseBody", responseStatusCode = "ResponseStatusCode"
        }

        init(from decoder: any Decoder) throws {
            let json = try decoder.container(keyedBy: Keys.self)
            func string(_ key: Keys) -> String? { (try? json.decodeIfPresent(String.self, forKey: key)) ?? nil }
            func body(_ key: Keys) -> Body {
                guard let text = string(key), !text.isEmpty else { return .absent }
                guard let data = Data(base64Encoded: text) else { return .notBase64 }
                return .bytes(Array(data))
            }
            request = AuthzRequest(
                user: string(.user) ?? "", method: string(.method) ?? "", uri: string(.uri) ?? "",
                requestBody: body(.requestBody), responseBody: body(.responseBody),
                responseStatusCode: (try? json.decodeIfPresent(Int.self, forKey: .responseStatusCode)) ?? nil)
        }
    }
}
