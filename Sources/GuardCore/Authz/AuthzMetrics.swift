import Prometheus
import Synchronization

/// The plugin's counters, in the guard's registry: answers by endpoint and verdict, and how long
/// each answer took to decide.
public final class AuthzMetrics: Sendable {
    private let registry: PrometheusCollectorRegistry
    /// Calls that can make a container run (judged), and the rest (allowed at once), apart: the
    /// many reads would otherwise hide what a judgement costs.
    private let judgedTime: DurationHistogram
    private let passedTime: DurationHistogram
    /// Judged calls that waited on the engine (an inspect, an image's other names).
    private let lookupTime: DurationHistogram
    private let counters = Mutex<[Key: Prometheus.Counter]>([:])

    private struct Key: Hashable {
        var endpoint: String
        var verdict: String
    }

    public init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
        let buckets: [Duration] = [
            // Fine below a millisecond, where the plugin's answers are (its target: p99 < 0.5 ms).
            .microseconds(10), .microseconds(25), .microseconds(50), .microseconds(100), .microseconds(200),
            .microseconds(300), .microseconds(400), .microseconds(500), .microseconds(750), .milliseconds(1),
            .milliseconds(2), .milliseconds(5), .milliseconds(25), .milliseconds(100), .milliseconds(250),
            .seconds(1),
        ]
        let help =
            "Time the authorization plugin took to decide one AuthZReq; kind is judged, lookup (judged after "
            + "asking the engine) or passed."
        // `dockerguard_authz_decision_seconds`, by the descriptor swift-prometheus asks for.
        let decision = MetricNameDescriptor(
            namespace: "dockerguard", metricName: "authz_decision", unitName: "seconds", helpText: help)
        judgedTime = registry.makeDurationHistogram(
            descriptor: decision, labels: [("kind", "judged")], buckets: buckets)
        passedTime = registry.makeDurationHistogram(
            descriptor: decision, labels: [("kind", "passed")], buckets: buckets)
        lookupTime = registry.makeDurationHistogram(
            descriptor: decision, labels: [("kind", "lookup")], buckets: buckets)
        // The failure policy's answers are shown at 0 from the start, so that an alert's increase()
        // sees the first one (a series first met at 1 shows no increase).
        for endpoint in ["create", "start", "restart", "unpause", "rename"] {
            for verdict in ["failure-allowed", "failure-denied"] { counter(endpoint: endpoint, verdict: verdict) }
        }
    }

    /// One answer. `verdict` is `allowed`, `denied`, `audited` (audit mode let a violation pass),
    /// `failure-allowed` or `failure-denied` (the failure policy answered).
    func answered(endpoint: String, verdict: String, after elapsed: Duration, askedEngine: Bool = false) {
        (endpoint == "other" ? passedTime : askedEngine ? lookupTime : judgedTime).record(elapsed)
        counter(endpoint: endpoint, verdict: verdict).increment()
    }

    @discardableResult
    private func counter(endpoint: String, verdict: String) -> Prometheus.Counter {
        let key = Key(endpoint: endpoint, verdict: verdict)
        if let counter = counters.withLock({ $0[key] }) { return counter }
        let counter = registry.makeCounter(
            descriptor: .init(
                namespace: "dockerguard", metricName: "authz_requests", unitName: "total",
                helpText: "AuthZReq calls answered by the authorization plugin, by endpoint and verdict."),
            labels: [("endpoint", endpoint), ("verdict", verdict)])
        counters.withLock { $0[key] = counter }
        return counter
    }
}
