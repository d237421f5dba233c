import DockerEngine
import Foundation
import Logging
import Synchronization
import TestSupport

@testable import GuardCore

/// An enforcer in the test process with everything it needs: a store (fed by a real EngineSync
/// when `syncing`), a policy, an audit log in a temp file, and a logger whose lines the test reads.
final class EnforcerHarness: Sendable {
    let client: DockerClient
    let store: ContainerStore
    let policy: PolicyState
    let audit: AuditLog
    let enforcer: Enforcer
    /// The enforcer's own metrics, so a test's counts are its alone.
    let metrics = GuardMetrics()
    let auditPath: String
    let logLines: LogLines
    private let tasks: Mutex<[Task<Void, Never>]> = Mutex([])

    init(
        client: DockerClient, allowList: String?, settings: Enforcer.Settings, syncing: Bool
    ) throws {
        self.client = client
        auditPath = NSTemporaryDirectory() + "dg-enforcer-\(UUID().uuidString).jsonl"
        logLines = LogLines()
        let logger = Logger(label: "enforcer-test") { [logLines] _ in CapturingLogHandler(lines: logLines) }
        store = ContainerStore(endpoint: client.endpoint.description)
        policy = PolicyState(path: "test-allowlist")
        if let allowList { policy.apply(try AllowList.parse(allowList, path: "test-allowlist").get(), at: 0) }
        audit = AuditLog(path: auditPath, logger: logger)
        enforcer = Enforcer(
            client: client, store: store, policy: policy, audit: audit, aliases: ImageAliases(), settings: settings,
            selfProbe: SelfProbe(rootUpperDir: nil, hints: []), metrics: metrics, logger: logger)
        let sync = EngineSync(client: client, store: store, logger: logger)
        let enforcer = enforcer
        tasks.withLock { tasks in
            tasks.append(Task { await enforcer.run() })
            if syncing { tasks.append(Task { try? await sync.run() }) }
        }
    }

    /// The audit log's lines, decoded.
    var auditRecords: [[String: Any]] {
        let text = (try? String(contentsOfFile: auditPath, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    func auditRecords(for id: String) -> [[String: Any]] {
        auditRecords.filter { $0["container_id"] as? String == id }
    }

    /// Waits until the enforcer has evaluated the store's snapshot of this moment (or a later one):
    /// whatever it was going to do about the state the store shows now, it has decided.
    /// A liveness bound, not a speed: the whole suite on 2 cores once kept the enforcer past 10 s.
    func enforcerCaughtUp(timeout: Duration = .seconds(30)) async -> Bool {
        let version = store.current.version
        return await eventually(timeout: timeout) { await enforcer.evaluatedSnapshotVersion >= version } != nil
    }

    func stop() {
        tasks.withLock { $0.forEach { $0.cancel() } }
        try? FileManager.default.removeItem(atPath: auditPath)
    }
}

/// Log messages as they were logged, for tests that check what the enforcer decided.
final class LogLines: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
}

struct CapturingLogHandler: LogHandler {
    let lines: LogLines
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        lines.append("\(event.message) \(event.metadata ?? [:])")
    }
}
