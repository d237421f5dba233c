import DockerEngine
import GuardCore
import Testing

@Suite("ContainerTable applies engine events")
struct ContainerTableTests {
    let web = Fixtures.record("web")

    @Test("die stops the container, records exit code and time")
    func die() {
        var table = ContainerTable([web])
        #expect(table.apply(Fixtures.event("die", id: web.id, attributes: ["exitCode": "137"])) == .changed)
        let record = table.byID[web.id]!
        #expect(record.state == "exited")
        #expect(record.exitCode == 137)
        #expect(record.finishedAt == "2026-11-25T23:28:03.392100919Z")
    }

    @Test("start after die runs it again with a fresh start time and no exit code")
    func restart() {
        var table = ContainerTable([Fixtures.record("web", state: "exited")])
        #expect(table.apply(Fixtures.event("start", id: web.id, nanos: 1_795_649_283_000_000_000)) == .changed)
        #expect(table.byID[web.id]?.state == "running")
        #expect(table.byID[web.id]?.startedAt == "2026-11-25T23:28:03.000000000Z")
        #expect(table.byID[web.id]?.exitCode == nil)
    }

    @Test(
        "stop, pause, unpause",
        arguments: [
            ("pause", "running", "paused"), ("unpause", "paused", "running"), ("stop", "running", "exited"),
            ("stop", "exited", "exited"),
        ])
    func stateChanges(action: String, from: String, to: String) {
        var table = ContainerTable([Fixtures.record("web", state: from)])
        _ = table.apply(Fixtures.event(action, id: web.id))
        #expect(table.byID[web.id]?.state == to)
    }

    @Test("rename takes the new name from the event, with the leading slash")
    func rename() {
        var table = ContainerTable([web])
        #expect(
            table.apply(Fixtures.event("rename", id: web.id, attributes: ["name": "api", "oldName": "/web"]))
                == .changed)
        #expect(table.byID[web.id]?.name == "/api")
        #expect(table.byID[web.id]?.displayName == "api")
    }

    @Test("health_status records the health")
    func health() {
        var table = ContainerTable([web])
        _ = table.apply(Fixtures.event("health_status: unhealthy", id: web.id))
        #expect(table.byID[web.id]?.health == "unhealthy")
    }

    @Test("destroy removes it; destroying an unknown one changes nothing")
    func destroy() {
        var table = ContainerTable([web])
        #expect(table.apply(Fixtures.event("destroy", id: web.id)) == .changed)
        #expect(table.byID.isEmpty)
        #expect(table.apply(Fixtures.event("destroy", id: web.id)) == .unchanged)
    }

    @Test(
        "an unknown container needs an inspect (events carry no image ID)",
        arguments: ["create", "start", "rename", "unpause"])
    func unknown(action: String) {
        var table = ContainerTable()
        #expect(table.apply(Fixtures.event(action, id: "new")) == .needsInspect(id: "new"))
    }

    @Test(
        "kill, exec and other events leave the table alone",
        arguments: ["kill", "exec_start: sh -c true", "attach", "top", "resize", "oom"])
    func ignored(action: String) {
        var table = ContainerTable([web])
        #expect(table.apply(Fixtures.event(action, id: web.id)) == .unchanged)
        #expect(table.byID[web.id] == web)
    }

    @Test("events about images, networks and volumes are ignored")
    func otherTypes() {
        var table = ContainerTable([web])
        #expect(table.apply(Fixtures.event("destroy", id: web.id, type: "image")) == .unchanged)
        #expect(table.byID.count == 1)
    }

    @Test("a repeated event (replayed after a reconnect) is idempotent")
    func idempotent() {
        var table = ContainerTable([web])
        let die = Fixtures.event("die", id: web.id, attributes: ["exitCode": "0"])
        #expect(table.apply(die) == .changed)
        #expect(table.apply(die) == .unchanged)
    }

    @Test("sorted orders by name")
    func sorted() {
        let table = ContainerTable([Fixtures.record("zeta"), Fixtures.record("alpha"), Fixtures.record("mid")])
        #expect(table.sorted.map(\.displayName) == ["alpha", "mid", "zeta"])
    }
}
