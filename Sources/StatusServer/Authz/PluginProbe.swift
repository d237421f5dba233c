import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Asks a plugin socket `POST /Plugin.Activate`, as the engine does, on a thread of its own (the
/// socket calls block; a stuck plugin costs at most `timeout`).
public enum PluginProbe {
    public struct Result: Sendable {
        /// The plugin said it implements `authz`.
        public var answers: Bool
        /// What happened, in words.
        public var detail: String
        public var elapsed: Duration
    }

    public static func activate(path: String, timeout: Duration = .seconds(2)) async -> Result {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: activateBlocking(path: path, timeout: timeout)) }.start()
        }
    }

    /// How many AuthZReq calls dockerguard's plugin has answered (`POST /Dockerguard.Seen`), or nil
    /// when it does not say: what tells whether the engine calls it, whatever `docker info` lists.
    public static func requestsSeen(path: String, timeout: Duration = .seconds(2)) async -> Int? {
        await withCheckedContinuation { continuation in
            Thread {
                let answer = post(path: path, endpoint: "/Dockerguard.Seen", timeout: timeout)
                let count =
                    answer.body.flatMap { body in
                        (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any]
                    }?["AuthZReq"] as? Int
                continuation.resume(returning: count)
            }.start()
        }
    }

    static func activateBlocking(path: String, timeout: Duration) -> Result {
        let answer = post(path: path, endpoint: "/Plugin.Activate", timeout: timeout)
        guard let body = answer.body else {
            return Result(answers: false, detail: answer.detail, elapsed: answer.elapsed)
        }
        let implements = String(decoding: body, as: UTF8.self).contains("\"authz\"")
        return Result(
            answers: implements, detail: implements ? "implements authz" : "answers, but does not implement authz",
            elapsed: answer.elapsed)
    }

    /// One `POST endpoint` on the socket; the body of a 200 answer, else nil and what went wrong.
    static func post(path: String, endpoint: String, timeout: Duration) -> (
        body: [UInt8]?, detail: String, elapsed: Duration
    ) {
        let clock = ContinuousClock()
        let started = clock.now
        func result(_ answers: Bool, _ detail: String) -> (body: [UInt8]?, detail: String, elapsed: Duration) {
            (nil, detail, clock.now - started)
        }
        guard FileManager.default.fileExists(atPath: path) else { return result(false, "no socket at \(path)") }
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { return result(false, "socket: \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var limit = timeval(
            tv_sec: Int(timeout.components.seconds), tv_usec: Int(timeout.components.attoseconds / 1_000_000_000_000))
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            return result(false, "socket path too long")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard connected == 0 else {
            return result(false, "connect: \(String(cString: strerror(errno))) (nobody listens: a stale socket)")
        }
        let request = Array(
            "POST \(endpoint) HTTP/1.1\r\nHost: plugin\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".utf8)
        guard write(descriptor, request, request.count) == request.count else { return result(false, "write failed") }
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while answer.count < 65536 {
            let count = read(descriptor, &buffer, buffer.count)
            if count < 0 {
                return result(
                    false, "no answer within \(timeout) (a plugin that accepts and never answers blocks the engine)")
            }
            if count == 0 { break }
            answer += buffer[..<count]
        }
        let text = String(decoding: answer, as: UTF8.self)
        guard text.hasPrefix("HTTP/1.1 200") || text.hasPrefix("HTTP/1.0 200") else {
            return result(false, "unexpected answer: \(text.prefix(80))")
        }
        guard let split = text.range(of: "\r\n\r\n") else { return result(false, "unexpected answer") }
        return (Array(text[split.upperBound...].utf8), "answers", clock.now - started)
    }
}
