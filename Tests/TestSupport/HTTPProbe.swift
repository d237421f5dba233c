import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A plain HTTP client for the status API, independent of the code under test.
public struct HTTPProbe: Sendable {
    public let baseURL: String

    /// No cache and no shared state: every answer comes from the server, now.
    static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalAndRemoteCacheData
        return URLSession(configuration: configuration)
    }()

    public init(baseURL: String) {
        self.baseURL = baseURL
    }

    public struct Answer: Sendable {
        public var status: Int
        public var headers: [String: String]
        public var body: Data

        /// The body as a JSON object.
        public func json() throws -> [String: Any] {
            guard let object = try JSONSerialization.jsonObject(with: body) as? [String: Any] else {
                throw TestFailure("not a JSON object: \(String(decoding: body, as: UTF8.self))")
            }
            return object
        }

        public var text: String { String(decoding: body, as: UTF8.self) }
    }

    public func request(_ path: String, method: String = "GET") async throws -> Answer {
        guard let url = URL(string: baseURL + path) else { throw TestFailure("bad URL \(baseURL + path)") }
        var request = URLRequest(url: url)
        request.httpMethod = method
        // Generous: the suite shares two cores and one cooperative pool; a test asserts the answer, not its speed.
        request.timeoutInterval = 30
        request.cachePolicy = .reloadIgnoringLocalAndRemoteCacheData
        let (data, response) = try await Self.session.data(for: request)
        guard let http = response as? HTTPURLResponse else { throw TestFailure("not an HTTP answer") }
        var headers: [String: String] = [:]
        for (key, value) in http.allHeaderFields {
            if let key = key as? String, let value = value as? String { headers[key.lowercased()] = value }
        }
        return Answer(status: http.statusCode, headers: headers, body: data)
    }

    public func get(_ path: String) async throws -> Answer {
        try await request(path)
    }

    /// The `data` items of `/containers` (or a variant of it), keyed by container ID.
    public func containers(_ query: String = "") async throws -> [String: [String: Any]] {
        let answer = try await get("/containers" + query)
        guard answer.status == 200 else {
            throw TestFailure("/containers\(query) answered \(answer.status): \(answer.text)")
        }
        let items = try answer.json()["data"] as? [[String: Any]] ?? []
        var byID: [String: [String: Any]] = [:]
        for item in items { if let id = item["container_id"] as? String { byID[id] = item } }
        return byID
    }
}
