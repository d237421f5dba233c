import Prometheus
import Synchronization

/// Everything dockerguard counts, in one Prometheus registry that `/metrics` renders.
///
/// Counters and histograms are updated where things happen (sync, enforcer, watcher, server);
/// gauges that describe the current state are set from the latest snapshot when scraped, so they
/// can never drift from what the store says.
public final class GuardMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry

    let engineEvents: Prometheus.Counter
    let resyncs: Prometheus.Counter
    let reconnects: Prometheus.Counter
    let allowListLoadErrors: Prometheus.Counter
    let enforcementLatency: DurationHistogram
    let violationsNowGauge: Prometheus.Gauge
    let watchDropped: Prometheus.Counter
    private let httpCounters = Mutex<[HTTPKey: Prometheus.Counter]>([:])
    /// The enforcer whose mode `/metrics` shows, once ``follow(_:)`` has named it.
    private let enforcerStatus = Mutex<Observed<EnforcerStatus>?>(nil)

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        engineEvents = registry.makeCounter(
            descriptor: .init(
                namespace: "dockerguard", metricName: "engine_events", unitName: "total",
                helpText: "Container events received from the engine's /events stream."))
        resyncs = registry.makeCounter(
            descriptor: .init(
                namespace: "dockerguard", metricName: "resyncs", unitName: "total",
                helpText: "Resyncs with the engine (a list of its containers), full or not."))
        reconnects = registry.makeCounter(
            descriptor: .init(
                namespace: "dockerguard", metricName: "engine_reconnects", unitName: "total",
                helpText: "Connections to the engine lost and retried."))
        allowListLoadErrors = registry.makeCounter(
            descriptor: .init(
                namespace: "dockerguard", metricName: "allowlist_load_errors", unitName: "total",
                helpText: "Allow-list files rejected (the last good list stayed in force)."))
        watchDropped = registry.makeCounter(
            descriptor: .init(
                namespace: "dockerguard", metricName: "watch_dropped", unitName: "total",
                helpText: "Watch-stream clients disconnected for falling too far behind."))
        violationsNowGauge = registry.makeGauge(
            descriptor: .init(
                namespace: "dockerguard", metricName: "violations", unitName: "",
                helpText: "Running containers in violation now, as the enforcer judged them (its own excluded)."))
        enforcementLatency = registry.makeDurationHistogram(
            descriptor: .init(
                namespace: "dockerguard", metricName: "enforcement_latency", unitName: "seconds",
                helpText: "From a violating container's start to the end of the action taken on it."),
            buckets: [
                .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
                .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(5), .seconds(15), .seconds(60),
            ])
        // Shown at 0 from the start: a rule's increase() sees no first failure on a series it meets at 1.
        for mode in EnforcementMode.allCases { violationCounter(mode: mode) }
        for action in EnforcementAction.allCases.map(\.rawValue) + ["restart"] {
            for result in ["done", "failed"] { actionCounter(action, result: result) }
        }
    }

    func eventReceived() { engineEvents.increment() }
    func resynced() { resyncs.increment() }
    func reconnected() { reconnects.increment() }
    func allowListRejected() { allowListLoadErrors.increment() }
    func enforced(after latency: Duration) { enforcementLatency.record(latency) }

    /// A running container entered violation: started, unpaused, or renamed (or the list reloaded)
    /// into it. Counted once per run, however often it is judged again.
    func violation(mode: EnforcementMode) { violationCounter(mode: mode).increment() }

    /// How many running containers are in violation now.
    func violationsNow(_ count: Int) { violationsNowGauge.set(to: Double(count)) }
    /// A watch-stream client was too slow and was disconnected.
    public func watchClientDropped() { watchDropped.increment() }

    /// One action carried out (or failed).
    func action(_ action: String, result: String) { actionCounter(action, result: result).increment() }

    @discardableResult
    private func violationCounter(mode: EnforcementMode) -> Prometheus.Counter {
        registry.makeCounter(
            descriptor: .init(
                namespace: "dockerguard", metricName: "violations", unitName: "total",
                helpText:
                    "Containers that entered violation (a start, unpause, rename or reload), by the mode in force."
            ), labels: [("mode", mode.rawValue)])
    }

    @discardableResult
    private func actionCounter(_ action: String, result: String) -> Prometheus.Counter {
        registry.makeCounter(
            descriptor: .init(
                namespace: "dockerguard", metricName: "actions", unitName: "total",
                helpText: "Actions taken on containers (stop, kill, remove, restart), by result."),
            labels: [("action", action), ("result", result)])
    }

    /// `dockerguard_build_info{version,swift_version} 1`, set once at start-up.
    public func recordBuild(version: String) {
        registry.makeGauge(
            descriptor: .init(
                namespace: "dockerguard", metricName: "build_info", unitName: "",
                helpText: "1, labelled with the dockerguard version and the Swift version that built it."),
            labels: [("version", version), ("swift_version", BuildInfo.swiftVersion)]
        ).set(to: 1)
    }

    /// Shows the mode of this enforcer (`dockerguard_enforcement_mode`, `dockerguard_readonly`)
    /// from then on, read when scraped.
    public func follow(_ enforcer: Observed<EnforcerStatus>) {
        enforcerStatus.withLock { $0 = enforcer }
    }

    /// One answered HTTP request. The counter for each route and status is made once: looking it
    /// up in the registry on every request cost a third of the API's throughput.
    public func httpRequest(route: String, status: Int) {
        let key = HTTPKey(route: route, status: status)
        if let counter = httpCounters.withLock({ $0[key] }) {
            counter.increment()
            return
        }
        let counter = registry.makeCounter(
            descriptor: .init(
                namespace: "dockerguard", metricName: "http_requests", unitName: "total",
                helpText: "HTTP API requests answered, by route and status."),
            labels: [("route", route), ("status", String(status))])
        httpCounters.withLock { $0[key] = counter }
        counter.increment()
    }

    struct HTTPKey: Hashable {
        var route: String
        var status: Int
    }

    static let states = ["created", "running", "paused", "restarting", "removing", "exited", "dead"]

    /// Sets the state gauges from the store, the allow-list and the watch stream's client count,
    /// then renders the registry.
    public func render(
        snapshot: ContainerSnapshot, policy: PolicyState.Current?, aliases: ImageAliases, watchClients: Int = 0
    ) -> [UInt8] {
        var counts: [String: [String: Int]] = [:]
        for record in snapshot.containers {
            let verdict =
                policy?.allowList.map { $0.verdict(for: record, aliases: aliases).isAllowed ? "allowed" : "violating" }
                ?? "unknown"
            counts[record.state, default: [:]][verdict, default: 0] += 1
        }
        for state in Self.states {
            for verdict in ["allowed", "violating", "unknown"] {
                registry.makeGauge(
                    descriptor: .init(
                        namespace: "dockerguard", metricName: "containers", unitName: "",
                        helpText: "Containers known, by engine state and allow-list verdict."),
                    labels: [("state", state), ("verdict", verdict)]
                ).set(to: Double(counts[state]?[verdict] ?? 0))
            }
        }
        registry.makeGauge(
            descriptor: .init(
                namespace: "dockerguard", metricName: "engine_connected", unitName: "",
                helpText: "1 while connected to the Docker engine.")
        )
        .set(to: snapshot.engine.connection.isConnected ? 1 : 0)
        registry.makeGauge(
            descriptor: .init(
                namespace: "dockerguard", metricName: "allowlist_rules", unitName: "",
                helpText: "Rules in the allow-list in force.")
        )
        .set(to: Double(policy?.allowList?.rules.count ?? 0))
        registry.makeGauge(
            descriptor: .init(
                namespace: "dockerguard", metricName: "allowlist_valid", unitName: "",
                helpText: "1 when the file on disk is the list in force.")
        )
        .set(to: policy?.loadError == nil && policy?.allowList != nil ? 1 : 0)
        registry.makeGauge(
            descriptor: .init(
                namespace: "dockerguard", metricName: "watch_clients", unitName: "",
                helpText: "Clients following GET /containers?watch=true now.")
        )
        .set(to: Double(watchClients))
        if let status = enforcerStatus.withLock({ $0 })?.value { renderMode(status) }
        var page = registry.emitToBuffer()
        if let sample = ProcessMetrics.sampleSelf() { ProcessMetrics.render(sample, into: &page) }
        return page
    }

    /// One series per mode, 1 for the one in force (the Prometheus way of showing an enum).
    private func renderMode(_ status: EnforcerStatus) {
        for mode in EnforcementMode.allCases {
            registry.makeGauge(
                descriptor: .init(
                    namespace: "dockerguard", metricName: "enforcement_mode", unitName: "",
                    helpText: "1 for the enforcement mode in force (audit, confirm or enforce), 0 for the others."),
                labels: [("mode", mode.rawValue)]
            ).set(to: status.mode == mode ? 1 : 0)
        }
        registry.makeGauge(
            descriptor: .init(
                namespace: "dockerguard", metricName: "readonly", unitName: "",
                helpText: "1 when the guard changes nothing on the engine whatever the mode (--readonly).")
        ).set(to: status.readonly ? 1 : 0)
    }
}
