import Foundation
import Testing

@testable import GuardCore

@Suite("Decoding the engine's AuthZ requests")
struct AuthzRequestTests {
    @Test("the keys moby's pkg/authorization sends, spelled as it spells them")
    func exactKeys() throws {
        let body = Data(#"{"Image":"busybox:local"}"#.utf8).base64EncodedString()
        let json = """
            {"User":"alice","UserAuthNMethod":"TLS","RequestMethod":"POST",
             "RequestUri":"/v1.41/containers/create?name=x","RequestBody":"\(body)",
             "RequestHeaders":{"Content-Type":"application/json"},"RequestPeerCertificates":null,
             "ResponseBody":"eyJJZCI6ImFiYyJ9","ResponseHeaders":{},"ResponseStatusCode":201}
            """
        let request = try #require(AuthzRequest.decode(Array(json.utf8)))
        #expect(request.user == "alice")
        #expect(request.method == "POST")
        #expect(request.uri == "/v1.41/containers/create?name=x")
        #expect(request.requestBody == .bytes(Array(#"{"Image":"busybox:local"}"#.utf8)))
        #expect(request.responseBody == .bytes(Array(#"{"Id":"abc"}"#.utf8)))
        #expect(request.responseStatusCode == 201)
    }

    @Test("the documentation's spellings are not the engine's and read as absent")
    func docSpellings() throws {
        let request = try #require(AuthzRequest.decode(Array(#"{"RequestURI":"/x","requestMethod":"POST"}"#.utf8)))
        #expect(request.uri == "")
        #expect(request.method == "")
    }

    @Test("wrong types and bad base64 read as absent or undecodable, never as an error")
    func wrongTypes() throws {
        let json = #"{"RequestMethod":1,"RequestUri":["x"],"RequestBody":"%%%not base64","ResponseStatusCode":"201"}"#
        let request = try #require(AuthzRequest.decode(Array(json.utf8)))
        #expect(request.method == "")
        #expect(request.uri == "")
        #expect(request.requestBody == .notBase64)
        #expect(request.responseStatusCode == nil)
        let nullBody = try #require(AuthzRequest.decode(Array(#"{"RequestBody":null}"#.utf8)))
        #expect(nullBody.requestBody == .absent)
    }

    @Test("not a JSON object: nil", arguments: ["", "[]", "null", "\"x\"", "{", "\u{0}\u{1}"])
    func notAnObject(text: String) {
        #expect(AuthzRequest.decode(Array(text.utf8)) == nil)
    }

    @Test("the answer's JSON escapes what it must")
    func answerJSON() throws {
        let answer = AuthzAnswer(allow: false, message: "a \"b\"\n\\ \u{1}", error: "")
        let decoded = try JSONSerialization.jsonObject(with: Data(answer.json)) as? [String: Any]
        #expect(decoded?["Allow"] as? Bool == false)
        #expect(decoded?["Msg"] as? String == "a \"b\"\n\\ \u{1}")
        #expect(decoded?["Err"] == nil)
        #expect(String(decoding: AuthzAnswer.allowed.json, as: UTF8.self) == #"{"Allow":true}"#)
    }
}

@Suite("Finding the method without decoding the request")
struct AuthzScanTests {
    @Test(
        "the method of a request as the engine encodes it",
        arguments: [
            (#"{"User":"","UserAuthNMethod":"","RequestMethod":"GET","RequestUri":"/_ping"}"#, "GET" as String?),
            (#"{"RequestMethod":"POST","RequestUri":"/v1.41/containers/create"}"#, "POST"),
            (#"{"User":"a\"RequestMethod\":\"GET","RequestMethod":"POST"}"#, "POST"),
            (#"{"RequestMethod":"P\u004fST"}"#, nil),
            (#"{"RequestMethod":"post"}"#, nil),
            (#"{"RequestMethod":""}"#, nil),
            (#"{"RequestMethod":"GET"#, nil),
            (#"{"RequestMethod":5}"#, nil),
            ("", nil),
        ])
    func scan(json: String, method: String?) {
        #expect(AuthzRequest.scanMethod(Array(json.utf8)) == method)
    }

    @Test("what the scan finds is what the decoder finds, for every method the engine sends")
    func agreesWithDecoder() throws {
        for method in ["GET", "HEAD", "POST", "PUT", "DELETE"] {
            let json = Array(#"{"User":"x","RequestMethod":"\#(method)","RequestUri":"/v1.41/containers/json"}"#.utf8)
            #expect(AuthzRequest.scanMethod(json) == (try #require(AuthzRequest.decode(json))).method)
        }
    }
}
