import NIOHTTP1

/// One HTTP request to the engine, relative to the versioned API root.
struct EngineRequest: Sendable {
    var method: HTTPMethod
    var path: String
    var query: [(String, String)] = []
    var body: [UInt8]? = nil
    /// Answered only after a wait of the engine's (a stop waits out its grace period): sent on a
    /// connection of its own, so that it never holds one of the shared ones. Ten stops of
    /// containers that ignore SIGTERM held all eight, and the two after them and every inspect
    /// waited a grace period more (found by the seventh new-user trial).
    var ownConnection = false

    /// The request target with the API version prefix and a percent-encoded query string.
    func target(apiVersion: APIVersion?) -> String {
        var target = apiVersion.map { "/v\($0)\(path)" } ?? path
        if !query.isEmpty {
            target +=
                "?" + query.map { "\(Self.percentEncode($0.0))=\(Self.percentEncode($0.1))" }.joined(separator: "&")
        }
        return target
    }

    static func percentEncode(_ value: String) -> String {
        var encoded = ""
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "_"), UInt8(ascii: "~"):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".utf8)
                encoded += "%" + String(decoding: [hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]], as: UTF8.self)
            }
        }
        return encoded
    }
}

/// A buffered answer from the engine.
struct EngineResponse: Sendable {
    var status: Int
    var headers: HTTPHeaders
    var body: [UInt8]

    var isSuccess: Bool { (200..<300).contains(status) }
}
