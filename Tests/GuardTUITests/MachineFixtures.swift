import GuardCore
import GuardTUI

/// A small host for the key-handling tests: two allowed containers, two violating, one pending.
enum MachineFixtures {
    static let path = "/etc/dockerguard/allowlist"
    static let listText = "# web tier\nname=web-*\nimage=redis:7\n"

    static func record(
        _ name: String, image: String = "busybox:local", state: String = "running", restart: String = "no",
        labels: [String: String] = [:]
    ) -> ContainerRecord {
        let hex = String(name.unicodeScalars.map { String($0.value, radix: 16) }.joined().prefix(12))
        let id = (hex + String(repeating: "0", count: 64)).prefix(64)
        return ContainerRecord(
            id: String(id), name: "/" + name, imageRef: image, imageID: "sha256:" + String(repeating: "a", count: 64),
            state: state,
            createdAt: "2026-11-25T10:00:00Z", startedAt: "2026-11-25T10:00:00Z", labels: labels, restartPolicy: restart
        )
    }

    static let containers = [
        record("web-1"), record("web-2"), record("cache", image: "redis:7"),
        record("miner", restart: "always", labels: ["com.docker.compose.project": "shop"]), record("shell"),
        record("old", state: "exited"),
    ]

    static func data(pending: Set<String> = [], mode: EnforcementMode = .confirm) -> DashboardData {
        let list = try! AllowList.parse(listText, path: path).get()
        var enforcer = EnforcerStatus(mode: mode, action: .kill, readonly: false)
        enforcer.pending = pending
        return DashboardData(
            snapshot: ContainerSnapshot(
                version: 1, containers: containers,
                engine: EngineStatus(endpoint: "unix:///var/run/docker.sock", connection: .connected),
                isSynced: true, lastSyncAt: 0),
            policy: PolicyState.Current(allowList: list, version: 1, path: path, loadError: nil, loadedAt: 0),
            enforcer: enforcer, api: .serving(address: "127.0.0.1:8080"), now: 1_764_064_800)
    }

    static func context(_ data: DashboardData, state: UIState) -> DashboardMachine.Context {
        DashboardMachine.Context(data: data, rows: state.table.rows(data))
    }
}

extension UIState {
    /// Presses `keys` in order against `data`, returning every command issued.
    mutating func press(_ keys: [Key], data: DashboardData) -> [Command] {
        var commands: [Command] = []
        for key in keys {
            let context = MachineFixtures.context(data, state: self)
            DashboardMachine.reconcile(&self, rows: context.rows)
            commands += DashboardMachine.handle(key, state: &self, context: context)
        }
        return commands
    }

    mutating func type(_ text: String, data: DashboardData) -> [Command] {
        press(text.map { Key.character($0) }, data: data)
    }
}
