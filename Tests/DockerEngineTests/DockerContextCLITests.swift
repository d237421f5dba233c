import Foundation
import TestSupport
import Testing

@testable import DockerEngine

/// Contexts written by the real `docker context create`, one per kind of endpoint, read back here.
@Suite("Contexts made by the docker CLI")
struct DockerContextCLITests {
    @Test("unix, tcp with TLS files, tcp with SkipTLSVerify, ssh; `docker context use` sets currentContext")
    func contextsFromTheCLI() async throws {
        let directory = NSTemporaryDirectory() + "dg-contexts-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // `docker context create` reads the files: real ones, made by openssl.
        let certs = directory + "-certs"
        defer { try? FileManager.default.removeItem(atPath: certs) }
        let scripts = TestEngine.environment["DOCKERGUARD_TEST_SCRIPTS"] ?? RepositoryPaths.root + "/scripts"
        let made = try await Subprocess.run(scripts + "/endpoints", ["certs", certs])
        guard made.status == 0 else { throw TestFailure("scripts/endpoints certs: \(made.stderr)") }
        func docker(_ arguments: [String]) async throws {
            let result = try await Subprocess.run(
                "/usr/bin/env", ["DOCKER_CONFIG=\(directory)", "docker"] + arguments)
            guard result.status == 0 else { throw TestFailure("docker \(arguments): \(result.stderr)") }
        }
        try await docker(["context", "create", "local", "--docker", "host=unix:///tmp/dg-x/docker.sock"])
        try await docker([
            "context", "create", "secure", "--docker",
            "host=tcp://127.0.0.1:2376,ca=\(certs)/ca.pem,cert=\(certs)/cert.pem,key=\(certs)/key.pem",
        ])
        try await docker(["context", "create", "lax", "--docker", "host=tcp://10.1.1.1:2376,skip-tls-verify=true"])
        try await docker(["context", "create", "prod", "--docker", "host=ssh://root@127.0.0.1:2222"])
        try await docker(["context", "use", "prod"])

        let resolver = EndpointResolver(environment: ["DOCKER_CONFIG": directory])
        #expect(
            try resolver.resolve(EndpointOptions(context: "local")).endpoint == .unix(path: "/tmp/dg-x/docker.sock"))
        let secure = try resolver.resolve(EndpointOptions(context: "secure"))
        #expect(secure.endpoint == .tcp(host: "127.0.0.1", port: 2376))
        let tls = "\(directory)/contexts/tls/\(SHA256.hex("secure"))/docker"
        #expect(
            secure.tls == EngineTLS(caFile: tls + "/ca.pem", certFile: tls + "/cert.pem", keyFile: tls + "/key.pem"))
        #expect(try resolver.resolve(EndpointOptions(context: "lax")).tls == EngineTLS(verifyServer: false))
        let current = try resolver.resolve()
        #expect(current.source == .currentContext("prod", configFile: directory + "/config.json"))
        #expect(current.endpoint == .ssh(SSHDestination(user: "root", host: "127.0.0.1", port: 2222)))
        // DOCKER_HOST still wins over the current context, as for the CLI.
        let overridden = EndpointResolver(environment: ["DOCKER_CONFIG": directory, "DOCKER_HOST": "tcp://h:1"])
        #expect(try overridden.resolve().source == .environmentHost)
    }
}
