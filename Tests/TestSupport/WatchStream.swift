import Foundation
import Glibc
import Synchronization

/// A client of `GET /containers?watch=true` on a raw socket: it reads the chunked response on a
/// thread of its own and parses the server-sent events, so a test waits for an event (never for
/// time), or does not read at all, as a slow client would not.
public final class WatchStream: Sendable {
    public struct Event: Sendable {
        public var id: String?
        public var name: String
        public var data: String

        /// `data` as a JSON object.
        public func json() throws -> [String: Any] {
            guard let object = try JSONSerialization.jsonObject(with: Data(data.utf8)) as? [String: Any] else {
                throw TestFailure("not a JSON object: \(data)")
            }
            return object
        }
    }

    private struct State {
        var raw: [UInt8] = []
        var status: Int?
        var headers: [String: String] = [:]
        var body: [UInt8] = []
        var events: [Event] = []
        /// Comment lines (`: keep-alive`), without the colon.
        var comments: [String] = []
        var closed = false
        /// A reader thread runs (or ran): it closes the socket once `close()` asked for it.
        var reading = false
        var closeRequested = false
        /// The response's last chunk came: the server ended the stream (the socket may stay open).
        var ended = false
    }

    private let fd: Int32
    private let state = Mutex(State())

    /// Connects and sends the request. `receiveBuffer` shrinks the socket's buffer (a slow client).
    public init(
        port: Int, path: String = "/containers?watch=true", method: String = "GET", headers: [String: String] = [:],
        receiveBuffer: Int32? = nil
    ) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestFailure("socket: \(errno)") }
        if var size = receiveBuffer {
            setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            Glibc.close(fd)
            throw TestFailure("connect: \(errno)")
        }
        var request = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        for (name, value) in headers { request += "\(name): \(value)\r\n" }
        request += "\r\n"
        let bytes = Array(request.utf8)
        guard send(fd, bytes, bytes.count, 0) == bytes.count else {
            Glibc.close(fd)
            throw TestFailure("send: \(errno)")
        }
    }

    /// One request on its own connection (`Connection: close`), read until the server closes it.
    public static func get(
        _ port: Int, _ path: String, method: String = "GET", headers: [String: String] = [:]
    ) async throws -> WatchStream {
        var fields = headers
        fields["Connection"] = "close"
        let answer = try WatchStream(port: port, path: path, method: method, headers: fields)
        answer.startReading()
        guard await eventually(timeout: .seconds(10), { answer.isClosed }) != nil else {
            answer.close()
            throw TestFailure("\(path) did not answer")
        }
        return answer
    }

    /// The port of a base URL such as `http://127.0.0.1:8080`.
    public static func port(of baseURL: String) -> Int {
        Int(baseURL.split(separator: ":").last ?? "") ?? 0
    }

    /// Starts reading on a thread of its own until the server closes.
    public func startReading() {
        state.withLock { $0.reading = true }
        Thread.detachNewThread { [self] in
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let count = recv(fd, &buffer, buffer.count, 0)
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { break }
                state.withLock { Self.take(Array(buffer[..<count]), into: &$0) }
            }
            let closeIt = state.withLock { state in
                state.closed = true
                return state.closeRequested
            }
            if closeIt { Glibc.close(fd) }
        }
    }

    /// Stops: shuts the socket down and closes it, without waiting (it may run on a cooperative
    /// thread). A reader thread still in `recv` closes it itself once `recv` returns: closing it here
    /// would free the descriptor's number for another open while that `recv` still uses it.
    public func close() {
        // Under the lock: the reader cannot close the socket between this shutdown and the decision.
        let closeNow = state.withLock { state -> Bool in
            guard !state.closeRequested else { return false }
            state.closeRequested = true
            shutdown(fd, Int32(SHUT_RDWR))
            return !state.reading || state.closed
        }
        if closeNow { Glibc.close(fd) }
    }

    public var events: [Event] { state.withLock { $0.events } }
    public var comments: [String] { state.withLock { $0.comments } }
    public var status: Int? { state.withLock { $0.status } }
    public var headers: [String: String] { state.withLock { $0.headers } }
    public var isClosed: Bool { state.withLock { $0.closed } }
    /// The server ended the response (its last chunk) or closed the connection.
    public var isEnded: Bool { state.withLock { $0.ended || $0.closed } }
    /// The body as read so far (for a non-streaming answer, its JSON).
    public var bodyText: String { state.withLock { String(decoding: $0.body, as: UTF8.self) } }

    /// Waits for an event that satisfies `match`, for at most `timeout`.
    public func waitForEvent(
        timeout: Duration = .seconds(20), _ match: @escaping (Event) -> Bool = { _ in true }
    ) async -> Event? {
        var found: Event?
        _ = await eventually(timeout: timeout) {
            found = self.events.first(where: match)
            return found != nil || self.isEnded
        }
        return found ?? events.first(where: match)
    }

    // MARK: - Parsing

    private static func take(_ bytes: [UInt8], into state: inout State) {
        state.raw += bytes
        if state.status == nil {
            guard let end = find([13, 10, 13, 10], in: state.raw) else { return }
            let head = String(decoding: state.raw[..<end], as: UTF8.self).components(separatedBy: "\r\n")
            state.status = head.first.flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") }
            for line in head.dropFirst() {
                guard let colon = line.firstIndex(of: ":") else { continue }
                state.headers[line[..<colon].lowercased()] = line[line.index(after: colon)...]
                    .trimmingCharacters(in: .whitespaces)
            }
            state.raw.removeFirst(end + 4)
        }
        if state.headers["transfer-encoding"] == "chunked" {
            // size CRLF data CRLF, repeated; a partial chunk waits for more bytes.
            while let lineEnd = find([13, 10], in: state.raw) {
                let sizeText = String(decoding: state.raw[..<lineEnd], as: UTF8.self)
                guard let size = Int(sizeText.split(separator: ";").first ?? "", radix: 16) else { break }
                guard state.raw.count >= lineEnd + 2 + size + 2 else { break }
                if size == 0 { state.ended = true }
                state.body += state.raw[(lineEnd + 2)..<(lineEnd + 2 + size)]
                state.raw.removeFirst(lineEnd + 2 + size + 2)
            }
        } else {
            state.body += state.raw
            state.raw.removeAll()
        }
        while let end = find([10, 10], in: state.body) {
            let text = String(decoding: state.body[..<end], as: UTF8.self)
            state.body.removeFirst(end + 2)
            var event = Event(id: nil, name: "message", data: "")
            var fields = 0
            for line in text.split(separator: "\n") {
                // A line starting with a colon is a comment (a heartbeat), as an EventSource reads it.
                if line.hasPrefix(":") { state.comments.append(line.dropFirst().trimmingCharacters(in: .whitespaces)) }
                if line.hasPrefix("id: ") { event.id = String(line.dropFirst(4)) }
                if line.hasPrefix("event: ") { event.name = String(line.dropFirst(7)) }
                if line.hasPrefix("data: ") { event.data += line.dropFirst(6) }
                if !line.hasPrefix(":") { fields += 1 }
            }
            if fields > 0 { state.events.append(event) }
        }
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for index in 0...(haystack.count - needle.count) where haystack[index] == needle[0] {
            if Array(haystack[index..<(index + needle.count)]) == needle { return index }
        }
        return nil
    }
}
