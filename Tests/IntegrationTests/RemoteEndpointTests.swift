import DockerEngine
import Foundation
import TestSupport
import Testing

/// `dockerguard` over TLS and over ssh to the private engine (scripts/test's TLS listener and sshd):
/// the guard's sync (list), its event stream and enforcement, and the one-line failures.
@Suite(
    "Remote endpoints: TLS and ssh", .enabled(if: TestEngine.isAvailable, "needs scripts/test's private engine"),
    .timeLimit(.minutes(3)))
struct RemoteEndpointTests {
    enum Transport: String, CustomTestStringConvertible, CaseIterable {
        case tls, ssh
        var testDescription: String { rawValue }

        var available: Bool { self == .tls ? RemoteEndpoints.hasTLS : RemoteEndpoints.hasSSH }

        var arguments: [String] {
            switch self {
            case .tls: ["--docker-host", RemoteEndpoints.tlsHost ?? ""] + RemoteEndpoints.tlsArguments()
            case .ssh: ["--docker-host", RemoteEndpoints.sshHost ?? ""]
            }
        }
    }

    /// In audit mode and on `dgtest-*` names only: the engine is shared, and every other suite's
    /// guard allows `dgtest-*` while this one must stop nothing of theirs.
    @Test("list, events and judging over the link", arguments: Transport.allCases)
    func auditOverLink(transport: Transport) async throws {
        guard transport.available else { return }
        let client = try TestEngine.client()
        let kept = try await TestEngine.runContainer(client, name: TestEngine.uniqueName("remote-keep-\(transport)"))
        defer { TestEngine.forceRemove([kept]) }
        // DockerGuardProcess passes the private engine's unix socket; the later --docker-host wins.
        let guardian = try await DockerGuardProcess(
            engineHost: TestEngine.host, allowList: "name=dgtest-remote-keep-*\n",
            extraArguments: ["--mode", "audit"] + transport.arguments)
        defer { guardian.terminateInBackground() }
        #expect(await guardian.probe.waitUntilReady() != nil, "\(guardian.log)")
        #expect(
            guardian.log.contains(transport == .tls ? "tcp://127.0.0.1" : "ssh://root@127.0.0.1"), "\(guardian.log)")
        // The first sync listed the container that was already there.
        let listed = await eventually(timeout: .seconds(30)) { (try? await guardian.probe.containers())?[kept] != nil }
        #expect(listed != nil, "not listed over \(transport); log:\n\(guardian.log)")

        // A new one arrives by the event stream and is judged violating (recorded, left running).
        let victimName = TestEngine.uniqueName("remote-victim-\(transport)")
        defer { TestEngine.forceRemove([victimName]) }
        let victim = try await TestEngine.runContainer(client, name: victimName)
        let judged = await eventually(timeout: .seconds(30)) {
            (try? await guardian.probe.containers())?[victim]?["allowed"] as? Bool == false
        }
        #expect(judged != nil, "not judged over \(transport); log:\n\(guardian.log)")
        #expect((try? await guardian.probe.containers())?[kept]?["allowed"] as? Bool == true)
    }

    /// `dockerguard endpoint --ping` with `arguments`; its status and what it printed.
    func ping(_ arguments: [String], environment: [String] = []) async throws -> (Int32, String) {
        let result = try await Subprocess.run(
            "/usr/bin/timeout",
            ["60", "/usr/bin/env", "DOCKER_CERT_PATH=/nonexistent"] + environment
                + [DockerGuardProcess.binaryPath, "endpoint", "--ping"] + arguments)
        return (result.status, result.stdout + result.stderr)
    }

    @Test(
        "TLS: the right files answer; wrong CA, no client cert, expired, wrong host name: one line each"
    )
    func tlsFailures() async throws {
        guard RemoteEndpoints.hasTLS, let host = RemoteEndpoints.tlsHost, let certs = RemoteEndpoints.certs else {
            return
        }
        let (status, good) = try await ping(["-H", host] + RemoteEndpoints.tlsArguments())
        #expect(status == 0, "\(good)")
        #expect(good.contains("engine: "))

        let (_, wrongCA) = try await ping(["-H", host] + RemoteEndpoints.tlsArguments(ca: "other-ca.pem"))
        #expect(wrongCA.contains("not signed by the CA in \(certs)/other-ca.pem"), "\(wrongCA)")

        let (_, noCert) = try await ping(["-H", host] + RemoteEndpoints.tlsArguments(cert: nil, key: nil))
        #expect(noCert.contains("requires a client certificate"), "\(noCert)")

        let (_, expired) = try await ping(
            ["-H", host] + RemoteEndpoints.tlsArguments(cert: "expired-cert.pem", key: "expired-key.pem"))
        #expect(expired.contains("\(certs)/expired-cert.pem") && expired.contains("expired"), "\(expired)")

        // A server with a certificate for another name, then one with an expired certificate.
        let mismatch = try await withTLSServer(certificate: "\(certs)/wrong-name-cert.pem") { port in
            try await ping(["-H", "tcp://127.0.0.1:\(port)"] + RemoteEndpoints.tlsArguments()).1
        }
        #expect(mismatch.contains("not valid for the host name 127.0.0.1"), "\(mismatch)")
        let expiredServer = try await withTLSServer(certificate: "\(certs)/expired-server-cert.pem") { port in
            try await ping(["-H", "tcp://127.0.0.1:\(port)"] + RemoteEndpoints.tlsArguments()).1
        }
        #expect(expiredServer.contains("the engine's certificate expired on"), "\(expiredServer)")

        // Environment instead of flags, as the docker CLI takes it.
        let (envStatus, fromEnvironment) = try await ping(
            [], environment: ["DOCKER_HOST=\(host)", "DOCKER_TLS_VERIFY=1", "DOCKER_CERT_PATH=\(certs)"])
        #expect(envStatus == 0, "\(fromEnvironment)")

        for output in [wrongCA, noCert, expired, mismatch, expiredServer] {
            #expect(output.lowercased().split(separator: "\n").filter { $0.hasPrefix("error") }.count == 1, "\(output)")
        }
    }

    /// `openssl s_server` presenting `certificate` on a free loopback port while `body` runs.
    func withTLSServer<T: Sendable>(certificate: String, _ body: (Int) async throws -> T) async throws -> T {
        guard let certs = RemoteEndpoints.certs else { throw TestFailure("no certificates") }
        let port = try PrometheusServer.freePort()
        // Started through bash in the background (its pid printed), never waited for: it is killed.
        let started = try await Subprocess.run(
            "/bin/bash",
            [
                "-c",
                "openssl s_server -quiet -accept 127.0.0.1:\(port) -cert '\(certificate)'"
                    + " -key '\(certs)/server-key.pem' </dev/null >/dev/null 2>&1 & echo $!",
            ])
        guard let pid = Int32(started.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw TestFailure("openssl s_server did not start: \(started.stderr)")
        }
        // SIGKILL: the server inherits the test process's blocked signals, SIGTERM among them.
        defer { kill(pid, SIGKILL) }
        let listening = await eventually(timeout: .seconds(10)) {
            (try? await Subprocess.run("/usr/bin/env", ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/\(port)"]))?.status
                == 0
        }
        guard listening != nil else { throw TestFailure("openssl s_server did not listen on \(port)") }
        return try await body(port)
    }

    @Test("ssh: a changed host key and a refused key fail with ssh's own words")
    func sshFailures() async throws {
        guard RemoteEndpoints.hasSSH, let host = RemoteEndpoints.sshHost, let directory = RemoteEndpoints.sshDirectory
        else { return }
        let (status, good) = try await ping(["-H", host])
        #expect(status == 0, "\(good)")

        // An ssh of its own (and a multiplexing folder of its own, so no master link is reused).
        let scratch = NSTemporaryDirectory() + "dg-ssh-\(UUID().uuidString.prefix(6))"
        try FileManager.default.createDirectory(atPath: scratch + "/bin", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        func sshWith(_ config: String) throws -> [String] {
            try config.write(toFile: scratch + "/ssh_config", atomically: true, encoding: .utf8)
            let wrapper = "#!/bin/sh\nexec /usr/bin/ssh -F \(scratch)/ssh_config \"$@\"\n"
            try wrapper.write(toFile: scratch + "/bin/ssh", atomically: true, encoding: .utf8)
            chmod(scratch + "/bin/ssh", 0o755)
            let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
            return ["PATH=\(scratch)/bin:\(path)", "XDG_RUNTIME_DIR=\(scratch)"]
        }
        func config(key: String, knownHosts: String) -> String {
            "Host *\n IdentityFile \(key)\n IdentitiesOnly yes\n UserKnownHostsFile \(knownHosts)\n"
                + " StrictHostKeyChecking yes\n BatchMode yes\n"
        }
        let port = host.split(separator: ":").last.map(String.init) ?? ""
        let otherKey = try String(contentsOfFile: "\(directory)/id_ed25519.pub", encoding: .utf8)
            .split(separator: " ").prefix(2).joined(separator: " ")
        try "[127.0.0.1]:\(port) \(otherKey)\n".write(
            toFile: scratch + "/known_hosts", atomically: true, encoding: .utf8)
        let (_, changed) = try await ping(
            ["-H", host],
            environment: try sshWith(config(key: "\(directory)/id_ed25519", knownHosts: "\(scratch)/known_hosts")))
        #expect(changed.contains("Host key verification failed"), "\(changed)")

        _ = try await Subprocess.run(
            "/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", scratch + "/stranger"])
        let (_, refused) = try await ping(
            ["-H", host],
            environment: try sshWith(config(key: "\(scratch)/stranger", knownHosts: "\(directory)/known_hosts")))
        #expect(refused.contains("Permission denied"), "\(refused)")
    }
}
