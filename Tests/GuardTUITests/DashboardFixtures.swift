import GuardCore

@testable import GuardTUI

/// A fixed host for the golden screens: nine running containers (allowed by name, image and label
/// rules, two violating, one pending, one being killed), one exited, at a fixed `now`.
enum DashboardFixtures {
    static let path = "/etc/dockerguard/allowlist"
    static let allowText = """
        # dockerguard allow-list for the demo host
        name=web-*
        name=db image=postgres:16*
        image=registry.example.com/team/*

        # nightly batch jobs
        label=com.example.tier=batch
        image=traefik:v3.1 keep-running

        """

    /// 2026-11-25 23:00:00 UTC.
    static let now = EngineTimestamp.secondsSinceEpoch("2026-11-25T23:00:00Z")!

    static func id(_ prefix: String) -> String {
        prefix + String(repeating: "0", count: 64 - prefix.count)
    }

    static let shop = ["com.docker.compose.project": "shop", "com.docker.compose.oneoff": "False"]

    static let containers: [ContainerRecord] = [
        ContainerRecord(
            id: id("3f2a9c1b77e0a1"), name: "/web-1", imageRef: "nginx:1.27", imageID: "sha256:" + id("9b1e"),
            state: "running", createdAt: "2026-11-25T19:59:58Z", startedAt: "2026-11-25T20:00:00.5Z", health: "healthy",
            labels: ["maintainer": "NGINX Docker Maintainers"],
            command: ["/docker-entrypoint.sh", "nginx", "-g", "daemon off;"],
            restartPolicy: "always"),
        ContainerRecord(
            id: id("7d41be0c9a12"), name: "/web-2", imageRef: "nginx:1.27", imageID: "sha256:" + id("9b1e"),
            state: "running", createdAt: "2026-11-25T22:58:00Z", startedAt: "2026-11-25T22:58:30Z",
            command: ["nginx", "-g", "daemon off;"]),
        ContainerRecord(
            id: id("a90c55e2f3b4"), name: "/db", imageRef: "postgres:16.4", imageID: "sha256:" + id("51c3"),
            state: "running", createdAt: "2026-11-23T08:00:00Z", startedAt: "2026-11-23T08:00:01Z",
            command: ["postgres"], restartPolicy: "unless-stopped"),
        ContainerRecord(
            id: id("c02b7e6f1d88"), name: "/shop-api-1", imageRef: "registry.example.com/team/shop-api:2.3",
            imageID: "sha256:" + id("e7a0"), state: "running", createdAt: "2026-11-25T21:00:00Z",
            startedAt: "2026-11-25T21:00:02Z", labels: shop.merging(["com.docker.compose.service": "api"]) { $1 },
            command: ["./shop-api", "--port", "8080"], restartPolicy: "unless-stopped"),
        ContainerRecord(
            id: id("5c1d0e9a4b21"), name: "/shop-worker-1", imageRef: "python:3.12-slim",
            imageID: "sha256:" + id("44d2"),
            state: "running", createdAt: "2026-11-25T21:00:00Z", startedAt: "2026-11-25T21:00:03Z",
            labels: shop.merging(["com.docker.compose.service": "worker", "com.example.owner": "team-shop"]) { $1 },
            command: ["python", "-m", "shop.worker"], restartPolicy: "unless-stopped"),
        ContainerRecord(
            id: id("e4f5a6b7c8d9"), name: "/miner", imageRef: "xmrig/xmrig:latest", imageID: "sha256:" + id("d00d"),
            state: "running", createdAt: "2026-11-25T22:40:00Z", startedAt: "2026-11-25T22:40:00Z",
            command: ["xmrig", "-o", "pool.example.net:3333"], restartPolicy: "always"),
        ContainerRecord(
            id: id("b1c2d3e4f5a6"), name: "/debug-shell", imageRef: "busybox:1.36", imageID: "sha256:" + id("0b0b"),
            state: "running", createdAt: "2026-11-25T22:55:00Z", startedAt: "2026-11-25T22:55:00Z", command: ["sh"]),
        ContainerRecord(
            id: id("0a1b2c3d4e5f"), name: "/analytics-pipeline-backfill-job-2026-11-25-nightly-run",
            imageRef: "ghcr.io/example/analytics/backfill:2026.11.25-rc1", imageID: "sha256:" + id("abcd"),
            state: "running", createdAt: "2026-11-25T22:00:00Z", startedAt: "2026-11-25T22:00:00Z", health: "unhealthy",
            labels: ["com.example.tier": "batch"], command: ["backfill", "--since", "2026-11-24"]),
        ContainerRecord(
            id: id("f0e1d2c3b4a5"), name: "/proxy", imageRef: "traefik:v3.1", imageID: "sha256:" + id("7ae7"),
            state: "running", createdAt: "2026-11-18T09:00:00Z", startedAt: "2026-11-18T09:00:00Z",
            command: ["traefik"], restartPolicy: "always"),
        ContainerRecord(
            id: id("99887766aabb"), name: "/shop-migrate-1", imageRef: "python:3.12-slim",
            imageID: "sha256:" + id("44d2"),
            state: "exited", createdAt: "2026-11-25T20:59:00Z", startedAt: "2026-11-25T20:59:30Z",
            finishedAt: "2026-11-25T21:00:00Z", exitCode: 1,
            labels: shop.merging(["com.docker.compose.service": "migrate"]) { $1 }, command: ["python", "migrate.py"]),
    ]

    static var workerID: String { containers[4].id }
    static var minerID: String { containers[5].id }
    static var debugShellID: String { containers[6].id }

    static func data(containers: [ContainerRecord] = containers, synced: Bool = true) -> DashboardData {
        let list = try! AllowList.parse(allowText, path: path).get()
        var engine = EngineStatus(
            endpoint: "unix:///var/run/docker.sock", connection: .connected, engineVersion: "28.2.2", apiVersion: "1.50"
        )
        if !synced { engine = EngineStatus(endpoint: "unix:///var/run/docker.sock") }
        let snapshot = ContainerSnapshot(
            version: 7, containers: containers, engine: engine, isSynced: synced, lastSyncAt: synced ? now - 5 : nil)
        var enforcer = EnforcerStatus(mode: .confirm, action: .kill, readonly: false)
        enforcer.pending = [debugShellID]
        enforcer.acting = [minerID]
        return DashboardData(
            snapshot: snapshot, policy: PolicyState(path: path, allowList: list).current, enforcer: enforcer,
            api: .serving(address: "127.0.0.1:8080"), now: now)
    }

    /// The state with the violating Compose worker selected.
    static func state(_ overlay: Overlay = .none) -> UIState {
        var state = UIState()
        state.selectedID = workerID
        state.overlay = overlay
        return state
    }

    static func target(_ index: Int) -> Dialog.Target {
        let consequences = [
            workerID: "Compose project 'shop': `docker compose up` starts it again",
            minerID: "restart policy 'always': the engine starts it again when the daemon restarts",
        ]
        let record = containers[index]
        return Dialog.Target(id: record.id, name: record.displayName, consequence: consequences[record.id])
    }

    /// The editor with `name=web-*` narrowed to `name=web-1` and `name=miner` added: web-2 would
    /// become violating and the miner allowed.
    static func editor() -> AllowListEditor {
        var editor = AllowListEditor(text: allowText, path: path)
        editor.document.replace(line: 2, with: "name=web-1")
        editor.document.append("name=miner")
        editor.cursor = 1
        editor.revalidate()
        return editor
    }

    /// The editor with a new line being typed after line 3, misspelt at column 9.
    static func editorWithError() -> AllowListEditor {
        var editor = editor()
        editor.editing = .init(line: 3, isNew: true, editor: LineEditor("name=db imgae=postgres"))
        editor.revalidate()
        return editor
    }

    /// The pending debug shell as a dialog's target.
    static func pendingTarget(_ index: Int) -> Dialog.Target {
        var target = target(index)
        target.isPending = true
        return target
    }

    /// The rule proposal for the worker, with the name rule chosen.
    static func proposal(editing: Bool) -> RuleProposal {
        var proposal = RuleProposal(
            container: "shop-worker-1", choices: ["name=shop-worker-1", "image=python:3.12-slim", "id=5c1d0e9a4b21"])
        if editing {
            let text = "nmae=shop-worker-*"
            proposal.editor = LineEditor(text)
            if case .failure(let errors) = AllowList.parse(text, path: path), let first = errors.errors.first {
                proposal.error = "column \(first.column): \(first.message)"
            }
        }
        return proposal
    }
}
