import DockerEngine
import Foundation
import Logging
import Prometheus
import Synchronization
import TestSupport

@testable import GuardCore

/// An engine lookup that answers from a table, optionally slowly and ignoring cancellation (the
/// worst an engine can do), and counts its calls.
final class FakeLookup: AuthzEngineLookup {
    let containers: [String: ContainerRecord]
    let images: [String: ImageDetails]
    /// How long every call takes; the sleep ignores cancellation.
    let delay: Duration
    private let calls = Mutex(0)

    init(containers: [String: ContainerRecord] = [:], images: [String: ImageDetails] = [:], delay: Duration = .zero) {
        self.containers = containers
        self.images = images
        self.delay = delay
    }

    var callCount: Int { calls.withLock { $0 } }

    func container(_ reference: String) async -> AuthzLookupResult<ContainerRecord> {
        await wait()
        return containers[reference].map { .found($0) } ?? .notFound
    }

    func image(_ reference: String) async -> AuthzLookupResult<ImageDetails> {
        await wait()
        return images[reference].map { .found($0) } ?? .notFound
    }

    private func wait() async {
        calls.withLock { $0 += 1 }
        guard delay > .zero else { return }
        // Deliberately not cancellable: the plugin must answer in time anyway.
        await withCheckedContinuation { continuation in
            DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(Int(delay.components.seconds * 1000))) {
                continuation.resume()
            }
        }
    }
}

/// A task executor on a serial Dispatch queue: like the plugin's own thread, it does not wait for
/// the cooperative pool, which other test suites block with their subprocesses.
final class QueueExecutor: TaskExecutor {
    let queue = DispatchQueue(label: "authz-test")

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}

/// A plugin judge over an in-memory store and allow-list.
final class AuthzFixture: Sendable {
    let store = ContainerStore(endpoint: "test")
    let policy: PolicyState
    let judge: AuthzJudge
    let auditPath: String
    let registry = PrometheusCollectorRegistry()
    let executor = QueueExecutor()

    init(
        list: String?, mode: EnforcementMode = .enforce, records: [ContainerRecord] = [],
        lookup: FakeLookup = FakeLookup(),
        settings: AuthzSettings = AuthzSettings(), selfID: String? = nil, profile: SecurityProfile = .baseline
    ) async throws {
        auditPath = NSTemporaryDirectory() + "dg-authz-\(UUID().uuidString).jsonl"
        policy = PolicyState(path: "/etc/dockerguard/allowlist", profile: profile)
        if let list { policy.apply(try PolicySamples.list(list, path: "/etc/dockerguard/allowlist"), at: 0) }
        await store.replaceAll(with: records, at: 0)
        judge = AuthzJudge(
            store: store, policy: policy, aliases: ImageAliases(), audit: AuditLog(path: auditPath, logger: .quiet),
            metrics: AuthzMetrics(registry: registry), lookup: lookup, settings: settings, selfID: { selfID },
            mode: { mode }, executor: executor, logger: .quiet)
    }

    /// The audit file goes with the fixture (the suite makes over a thousand of them).
    deinit { unlink(auditPath) }

    static func create(
        name: String?, image: String, labels: [String: String] = [:], hostConfig: [String: Any]? = nil,
        user: String? = nil
    ) -> AuthzRequest {
        var body: [String: Any] = ["Image": image, "Labels": labels]
        body["HostConfig"] = hostConfig
        body["User"] = user
        let spec = try! JSONSerialization.data(withJSONObject: body)
        let query = name.map { "?name=\($0)" } ?? ""
        return AuthzRequest(method: "POST", uri: "/v1.41/containers/create" + query, requestBody: .bytes(Array(spec)))
    }

    static func post(_ path: String) -> AuthzRequest {
        AuthzRequest(method: "POST", uri: "/v1.41" + path)
    }

    /// The audit log's lines once `count` have been written (they are written off the answer's path).
    func auditRecords(atLeast count: Int) async -> [[String: Any]] {
        var records: [[String: Any]] = []
        _ = await eventually {
            let text = (try? String(contentsOfFile: auditPath, encoding: .utf8)) ?? ""
            records = text.split(separator: "\n").compactMap {
                try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
            }
            return records.count >= count
        }
        return records
    }

    /// AuthZReq answered on the fixture's own executor, as the plugin answers on its own thread.
    func authorize(_ request: AuthzRequest) async -> AuthzAnswer {
        await withTaskExecutorPreference(executor) { await judge.authorize(request) }
    }

    func metricsText() -> String { String(decoding: registry.emitToBuffer(), as: UTF8.self) }
}
