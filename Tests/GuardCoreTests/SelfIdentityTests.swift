import Testing

@testable import GuardCore

/// How the guard finds its own container: the root's overlay upper dir decides, the IDs in
/// mountinfo and cgroup are hints only.
@Suite("Self identity")
struct SelfIdentityTests {
    typealias Recorded = RecordedProcFiles

    static func record(_ id: String, upperDir: String?) -> ContainerRecord {
        ContainerRecord(
            id: id, name: "/c-\(id.prefix(4))", imageRef: "busybox:local", imageID: "sha256:1", state: "running",
            createdAt: "2026-01-01T00:00:00Z", upperDir: upperDir)
    }

    @Test("--network container:X: the root upper dir is its own, the /etc mounts name X, cgroup names itself")
    func probeInSharedNetwork() {
        let probe = SelfProbe.read(
            mountinfo: Recorded.networkContainerMountinfo, cgroup: Recorded.networkContainerCgroup)
        #expect(probe.rootUpperDir == Recorded.ownUpperDir)
        #expect(probe.hints == [Recorded.ownID, Recorded.netxID])
        // Without the cgroup hint the mountinfo alone names the other container: a hint, no more.
        #expect(SelfProbe.read(mountinfo: Recorded.networkContainerMountinfo, cgroup: nil).hints == [Recorded.netxID])
    }

    @Test("matches the root upper dir, not the hint that names the container whose network it shares")
    func resolvesPastMisleadingHint() {
        let probe = SelfProbe.read(mountinfo: Recorded.networkContainerMountinfo, cgroup: nil)
        let records = [
            Self.record(Recorded.netxID, upperDir: Recorded.netxUpperDir),
            Self.record(Recorded.ownID, upperDir: Recorded.ownUpperDir),
        ]
        let identity = SelfIdentity.resolve(probe, among: records)
        #expect(identity.id == Recorded.ownID)
        #expect(identity.summary.hasPrefix("self=\(Recorded.ownID.prefix(12)) (root upperdir matches"))
        #expect(identity.summary.contains("the hint \(Recorded.netxID.prefix(12)) is another container"))
    }

    @Test("--network host --hostname other: found by its upper dir among others")
    func resolvesHostNetwork() {
        let probe = SelfProbe.read(mountinfo: Recorded.networkHostMountinfo, cgroup: nil)
        #expect(probe.rootUpperDir == Recorded.networkHostUpperDir)
        #expect(probe.hints == [Recorded.networkHostID])
        let records = [
            Self.record(Recorded.netxID, upperDir: Recorded.netxUpperDir),
            Self.record(Recorded.networkHostID, upperDir: Recorded.networkHostUpperDir),
        ]
        let identity = SelfIdentity.resolve(probe, among: records)
        #expect(identity == .container(id: Recorded.networkHostID, reason: "root upperdir matches"))
    }

    @Test("on the host: / is not an overlay, so not in a container, even with containers around")
    func hostIsNoContainer() {
        let probe = SelfProbe.read(mountinfo: Recorded.hostMountinfo, cgroup: "0::/user.slice/user-0.slice\n")
        #expect(probe == SelfProbe(rootUpperDir: nil, hints: []))
        #expect(probe.startSummary == "not in a container")
        let netx = Self.record(Recorded.netxID, upperDir: Recorded.netxUpperDir)
        let identity = SelfIdentity.resolve(probe, among: [netx])
        #expect(identity.id == nil)
        #expect(identity.summary == "self=none (not in a container: the root filesystem is not an overlay)")
    }

    @Test("an overlay root that no container has, or a hint alone, never exempts a container it cannot verify")
    func unverifiedCases() {
        let probe = SelfProbe.read(mountinfo: Recorded.networkContainerMountinfo, cgroup: nil)
        // The upper dirs are known and none is ours: the hinted netx is not exempted.
        let others = [Self.record(Recorded.netxID, upperDir: Recorded.netxUpperDir)]
        #expect(SelfIdentity.resolve(probe, among: others).id == nil)
        // A driver with no upper dirs (btrfs, vfs): only the hint is left, and the reason says so.
        let identity = SelfIdentity.resolve(probe, among: [Self.record(Recorded.netxID, upperDir: nil)])
        #expect(identity.id == Recorded.netxID)
        #expect(identity.summary.contains("hint only, unverified"))
    }

    @Test("cgroup forms: v1 /docker/<id>, a cgroup parent of its own, systemd's docker-<id>.scope; no IDs in v2's 0::/")
    func cgroupHints() {
        let id = String(repeating: "3f2a9c1b", count: 8)
        #expect(SelfProbe.read(mountinfo: nil, cgroup: "12:pids:/docker/\(id)\n").hints == [id])
        #expect(SelfProbe.read(mountinfo: nil, cgroup: "0::/system.slice/docker-\(id).scope\n").hints == [id])
        #expect(SelfProbe.read(mountinfo: nil, cgroup: Recorded.networkContainerCgroup).hints == [Recorded.ownID])
        #expect(SelfProbe.read(mountinfo: nil, cgroup: "0::/\n").hints.isEmpty)
    }

    @Test("mountinfo's octal escapes in paths are decoded")
    func unescapesPaths() throws {
        let line = "30 1 0:40 / / rw - overlay overlay rw,lowerdir=/a,upperdir=/var/lib/my\\040docker/x/diff,workdir=/w"
        let probe = SelfProbe.read(mountinfo: line, cgroup: nil)
        #expect(probe.rootUpperDir == "/var/lib/my docker/x/diff")
    }
}
