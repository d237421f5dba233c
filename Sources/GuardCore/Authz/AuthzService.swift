import Synchronization

/// The plugin's HTTP endpoints, independent of any transport: the socket listener hands each
/// request's path and body here and writes back what it returns.
public struct AuthzService: Sendable {
    public let judge: AuthzJudge

    public init(judge: AuthzJudge) {
        self.judge = judge
    }

    /// The answer to one request: an HTTP status and a JSON body.
    public func respond(path: String, body: [UInt8]) async -> (status: Int, body: [UInt8]) {
        switch path {
        case "/Plugin.Activate":
            return (200, Array(#"{"Implements":["authz"]}"#.utf8))
        case "/AuthZPlugin.AuthZReq" where body.isEmpty:
            judge.requestsSeen.add(1, ordering: .relaxed)
            return (200, judge.authorizeResent().json)
        case "/AuthZPlugin.AuthZReq":
            judge.requestsSeen.add(1, ordering: .relaxed)
            // Only a POST can make a container run: anything else is allowed without decoding.
            if let method = AuthzRequest.scanMethod(body), method != "POST" { return (200, judge.allowRead().json) }
            return (200, await judge.authorize(json: body).json)
        case "/AuthZPlugin.AuthZRes":
            if let method = AuthzRequest.scanMethod(body), method != "POST" { return (200, AuthzAnswer.allowed.json) }
            return (200, judge.observe(AuthzRequest.decode(body)).json)
        case "/Dockerguard.Seen":
            // For `dockerguard authz status`: a count that grows tells that the engine calls us.
            return (200, Array(#"{"AuthZReq":\#(judge.requestsSeen.load(ordering: .relaxed))}"#.utf8))
        default:
            return (404, AuthzAnswer(allow: false, error: "dockerguard: unknown plugin endpoint").json)
        }
    }

    /// The content type the engine's plugin client expects.
    public static let contentType = "application/vnd.docker.plugins.v1+json"
}
