import Foundation
import TestSupport

/// Debian's real `prometheus` server, run as a child on a free loopback port with a scrape job
/// named `dockerguard` and a rules file, and read through its own HTTP API.
///
/// The tests run beside the in-process API suites on a cooperative pool as wide as the machine
/// (2 threads here): whatever blocks (a subprocess, waiting for an exit) goes through
/// ``offPool(_:)`` or waits with `eventually`, never holding a pool thread.
final class PrometheusServer: @unchecked Sendable {
    // @unchecked: the Process is only touched by the test that owns this object.
    private var process = Process()
    let directory: String
    private(set) var api = HTTPProbe(baseURL: "")

    static let binary = "/usr/bin/prometheus"
    static var isInstalled: Bool { FileManager.default.isExecutableFile(atPath: binary) }

    /// Starts it scraping `target` (`host:port`) every second and evaluating `rules` every second;
    /// returns once it answers `/-/ready`.
    init(scraping target: String, rules: String) async throws {
        directory = NSTemporaryDirectory() + "dg-prometheus-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory + "/data", withIntermediateDirectories: true)
        try rules.write(toFile: directory + "/rules.yaml", atomically: true, encoding: .utf8)
        try """
        global:
          scrape_interval: 1s
          scrape_timeout: 1s
          evaluation_interval: 1s
        rule_files: [rules.yaml]
        scrape_configs:
          - job_name: dockerguard
            static_configs:
              - targets: ["\(target)"]
        """.write(toFile: directory + "/prometheus.yml", atomically: true, encoding: .utf8)
        // A port found free can be taken before the server binds it: then try another.
        for _ in 0..<3 {
            let port = try Self.freePort()
            try launch(port: port)
            api = HTTPProbe(baseURL: "http://127.0.0.1:\(port)")
            let ready = await eventually(timeout: .seconds(30)) {
                guard process.isRunning else { return true }
                return (try? await api.get("/-/ready").status) == 200
            }
            if ready != nil, process.isRunning { return }
            await stop(keepDirectory: true)
        }
        let log = self.log
        await stop()
        throw TestFailure("prometheus did not start; its log:\n\(log)")
    }

    private func launch(port: Int) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = [
            "--config.file=\(directory)/prometheus.yml", "--storage.tsdb.path=\(directory)/data",
            "--web.listen-address=127.0.0.1:\(port)", "--log.level=warn",
        ]
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        _ = FileManager.default.createFile(atPath: directory + "/log", contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: directory + "/log"))
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    var log: String { (try? String(contentsOfFile: directory + "/log", encoding: .utf8)) ?? "" }

    /// `GET /api/v1/…`'s `data`, after checking `status: success`.
    func data(_ path: String) async throws -> Any? {
        let answer = try await api.get("/api/v1/" + path)
        let json = try answer.json()
        guard json["status"] as? String == "success" else {
            throw TestFailure("\(path): \(answer.status) \(answer.text)")
        }
        return json["data"]
    }

    /// The active (pending or firing) alerts.
    func alerts() async throws -> [Alert] {
        let data = try await data("alerts") as? [String: Any]
        return (data?["alerts"] as? [[String: Any]] ?? []).map(Alert.init)
    }

    /// An instant query's vector: each sample's labels and value.
    func query(_ expression: String) async throws -> [(labels: [String: String], value: Double)] {
        let encoded = expression.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? expression
        let data = try await data("query?query=" + encoded) as? [String: Any]
        return (data?["result"] as? [[String: Any]] ?? []).map { sample in
            let pair = sample["value"] as? [Any]
            return (sample["metric"] as? [String: String] ?? [:], Double(pair?.last as? String ?? "") ?? .nan)
        }
    }

    struct Alert {
        var labels: [String: String]
        var annotations: [String: String]
        var state: String

        init(_ json: [String: Any]) {
            labels = json["labels"] as? [String: String] ?? [:]
            annotations = json["annotations"] as? [String: String] ?? [:]
            state = json["state"] as? String ?? ""
        }

        var name: String { labels["alertname"] ?? "" }
    }

    /// SIGTERM, and SIGKILL if it has not exited within 10 s; waits without holding a thread.
    func stop(keepDirectory: Bool = false) async {
        if process.isRunning {
            process.terminate()
            let process = process
            if await eventually(timeout: .seconds(10), { !process.isRunning }) == nil {
                kill(process.processIdentifier, SIGKILL)
                _ = await eventually(timeout: .seconds(5)) { !process.isRunning }
            }
        }
        if !keepDirectory { try? FileManager.default.removeItem(atPath: directory) }
    }

    /// A test that threw before ``stop(keepDirectory:)``: no waiting here.
    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// A TCP port on 127.0.0.1 that the kernel says is free (bind port 0, read it back, close).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestFailure("socket: errno \(errno)") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else { throw TestFailure("bind 127.0.0.1:0: errno \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
