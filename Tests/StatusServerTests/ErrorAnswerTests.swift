import Foundation
import GuardCore
import Logging
import Synchronization
import TestSupport
import Testing

/// What the README promises of every answer: JSON (even to a request that cannot be read), a 400
/// for any unknown parameter, times as RFC 3339 strings, and no huge echoes.
@Suite("Every answer keeps the README's promises")
struct ErrorAnswerTests {
    static func port(of api: HTTPProbe) throws -> Int {
        guard let port = api.baseURL.split(separator: ":").last.flatMap({ Int($0) }) else {
            throw TestFailure("no port in \(api.baseURL)")
        }
        return port
    }

    @Test(
        "a request line the parser cannot read gets 400 with a JSON error, then the connection closes",
        arguments: ["GARBAGE\r\n\r\n", "GET / HTTP/9.9 nonsense\r\n\r\n", "GET /containers HTTP/1.1\r\nHost\r\n\r\n"])
    func garbageRequest(request: String) async throws {
        try await withStatusServer(await syncedStore()) { (api: HTTPProbe) async throws in
            let answer = try await RawHTTP.exchange(request, port: try Self.port(of: api))
            let parts = answer.components(separatedBy: "\r\n\r\n")
            #expect(parts.first?.hasPrefix("HTTP/1.1 400") == true, "\(answer)")
            #expect(parts.first?.lowercased().contains("content-type: application/json") == true, "\(answer)")
            let body = try #require(parts.count > 1 ? parts[1] : nil, "\(answer)")
            let json = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
            #expect(json?["status"] as? Int == 400, "\(body)")
            #expect((json?["error"] as? String)?.contains("malformed") == true, "\(body)")
            // The server still answers well-formed requests afterwards.
            #expect(try await api.get("/healthz").status == 200)
        }
    }

    @Test(
        "an unknown query parameter is a 400 naming it on every endpoint",
        arguments: ["/", "/allowlist", "/metrics", "/healthz", "/readyz"])
    func unknownParameter(path: String) async throws {
        try await withStatusServer(await syncedStore(), policy: PolicyState(path: "/etc/dockerguard/allowlist")) {
            (api: HTTPProbe) async throws in
            #expect(try await api.get(path).status == 200)
            let answer = try await api.get(path + "?x=1")
            #expect(answer.status == 400, "\(path)?x=1 answered \(answer.status)")
            #expect((try answer.json()["error"] as? String)?.contains("unknown query parameter 'x'") == true)
        }
    }

    @Test("loaded_at is an RFC 3339 time in UTC, as every other time of the API")
    func loadedAtIsRFC3339() async throws {
        let policy = PolicyState(path: "/etc/dockerguard/allowlist")
        policy.apply(try AllowList.parse("name=web\n", path: "/etc/dockerguard/allowlist").get(), at: 1_796_153_175.25)
        try await withStatusServer(await syncedStore(), policy: policy) { (api: HTTPProbe) async throws in
            let body = try await api.get("/allowlist").json()
            #expect(body["loaded_at"] as? String == "2026-12-01T19:26:15.250000000Z", "\(body)")
        }
        try await withStatusServer(await syncedStore(), policy: PolicyState(path: "/nowhere")) {
            (api: HTTPProbe) async throws in
            #expect(try await api.get("/allowlist").json()["loaded_at"] is NSNull)
        }
    }

    @Test("a 404 repeats at most the first 100 characters of a long path")
    func longPathIsCapped() async throws {
        try await withStatusServer(await syncedStore()) { (api: HTTPProbe) async throws in
            let path = "/" + String(repeating: "x", count: 20_000)
            let answer = try await api.get(path)
            #expect(answer.status == 404)
            let error = try answer.json()["error"] as? String ?? ""
            #expect(error.count < 200, "\(error.count) characters")
            #expect(error.contains("(20001 bytes)"), "\(error)")
            // A short one is repeated whole.
            #expect((try await api.get("/nope").json()["error"] as? String)?.contains("/nope") == true)
        }
    }

    @Test("the API says once that it listens (not again as Hummingbird's 'Server started')")
    func oneListeningLine() async throws {
        let lines = CollectedLines()
        let logger = Logger(label: "api-test") { _ in LineCollector(lines: lines) }
        try await withStatusServer(await syncedStore(), logger: logger) { (api: HTTPProbe) async throws in
            #expect(try await api.get("/healthz").status == 200)
        }
        let all = lines.all
        #expect(all.filter { $0.contains("listening") }.count == 1, "\(all)")
        #expect(!all.contains { $0.contains("Server started") }, "\(all)")
    }
}

final class CollectedLines: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
}

/// Keeps each logged message, at info and above as the default level does.
struct LineCollector: LogHandler {
    let lines: CollectedLines
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        lines.append("\(event.message)")
    }
}
