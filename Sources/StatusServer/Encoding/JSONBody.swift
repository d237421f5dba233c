import Foundation
import Hummingbird

/// Encodes response bodies the same way everywhere: sorted keys (stable bytes, like the original
/// Flask tool's `jsonify`), `/` unescaped (container names start with one).
enum JSONBody {
    /// The encoder every body is written with; one may be reused for many values, on one thread.
    static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    static func encode(_ value: some Encodable, with encoder: JSONEncoder = makeEncoder()) -> ByteBuffer {
        do {
            return ByteBuffer(bytes: try encoder.encode(value))
        } catch {
            // Our bodies are plain structs of strings, numbers and arrays: encoding cannot fail.
            return ByteBuffer(string: #"{"error":"response encoding failed"}"#)
        }
    }

    static func response(_ status: HTTPResponse.Status, _ body: ByteBuffer, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "application/json"
        fields[.cacheControl] = "no-store"
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: body))
    }

    static func response(_ status: HTTPResponse.Status, _ value: some Encodable, headers: HTTPFields = [:]) -> Response
    {
        response(status, encode(value), headers: headers)
    }

    struct ErrorBody: Encodable {
        let error: String
        let status: Int
    }

    /// `{"error": "…", "status": 404}`: every failure answers in the same shape.
    static func error(_ status: HTTPResponse.Status, _ message: String, headers: HTTPFields = [:]) -> Response {
        return response(status, ErrorBody(error: message, status: status.code), headers: headers)
    }
}
