import Foundation
import Testing

@testable import DockerEngine

/// The docker CLI's order, case by case, on a DOCKER_CONFIG written here.
@Suite("EndpointResolver")
struct EndpointResolverTests {
    /// A DOCKER_CONFIG folder with contexts `ctx-a` (tcp, TLS files) and `ctx-b` (ssh), and
    /// `currentContext` set when asked.
    final class Config {
        let directory = NSTemporaryDirectory() + "dg-resolver-\(UUID().uuidString.prefix(8))"

        init(currentContext: String? = nil) throws {
            try write(context: "ctx-a", host: "tcp://10.0.0.1:2376", tls: ["ca.pem", "cert.pem", "key.pem"])
            try write(context: "ctx-b", host: "ssh://admin@prod:2222/run/user/1000/docker.sock")
            if let currentContext {
                try Data("{\"currentContext\": \"\(currentContext)\"}".utf8).write(
                    to: URL(fileURLWithPath: directory + "/config.json"))
            }
        }

        deinit { try? FileManager.default.removeItem(atPath: directory) }

        func write(context name: String, host: String, skipTLSVerify: Bool = false, tls: [String] = []) throws {
            let meta = "\(directory)/contexts/meta/\(SHA256.hex(name))"
            try FileManager.default.createDirectory(atPath: meta, withIntermediateDirectories: true)
            let endpoint = #"{"Host":"\#(host)","SkipTLSVerify":\#(skipTLSVerify)}"#
            let json = #"{"Name":"\#(name)","Metadata":{},"Endpoints":{"docker":\#(endpoint)}}"#
            try Data(json.utf8).write(to: URL(fileURLWithPath: meta + "/meta.json"))
            let tlsDirectory = "\(directory)/contexts/tls/\(SHA256.hex(name))/docker"
            try FileManager.default.createDirectory(atPath: tlsDirectory, withIntermediateDirectories: true)
            for file in tls { try Data("x".utf8).write(to: URL(fileURLWithPath: "\(tlsDirectory)/\(file)")) }
        }

        func resolver(_ environment: [String: String] = [:], sockets: Set<String> = ["/var/run/docker.sock"])
            -> EndpointResolver
        {
            EndpointResolver(
                environment: environment.merging(["DOCKER_CONFIG": directory]) { a, _ in a },
                homeDirectory: "/nonexistent",
                exists: { sockets.contains($0) || FileManager.default.fileExists(atPath: $0) })
        }
    }

    @Test("SHA-256 of a context name is the folder the docker CLI uses")
    func sha256() {
        #expect(SHA256.hex("prod") == "6754af9632a2745e85c293e5aac0863370d9bd3330b9938c00cadfd215227d77")
        #expect(SHA256.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        // Longer than one block.
        #expect(
            SHA256.hex(String(repeating: "a", count: 100))
                == "2816597888e4a0d3a36b82b83316ab32680eb8f00f8cd3b904d681246d285a0e")
    }

    @Test("--context wins over everything")
    func contextFlagWins() throws {
        let config = try Config(currentContext: "ctx-a")
        let resolved = try config.resolver(["DOCKER_HOST": "tcp://h:1", "DOCKER_CONTEXT": "ctx-a"]).resolve(
            EndpointOptions(context: "ctx-b"))
        #expect(resolved.source == .contextFlag("ctx-b"))
        #expect(
            resolved.endpoint
                == .ssh(
                    SSHDestination(user: "admin", host: "prod", port: 2222, socketPath: "/run/user/1000/docker.sock")))
        #expect(resolved.tls == nil)
    }

    @Test("--context with --docker-host is an error, as in the CLI")
    func contextAndHostConflict() throws {
        let config = try Config()
        #expect(throws: EngineError.self) {
            try config.resolver().resolve(EndpointOptions(context: "ctx-a", host: "tcp://h:1"))
        }
    }

    @Test("--docker-host wins over DOCKER_HOST, DOCKER_CONTEXT and currentContext")
    func hostFlagWins() throws {
        let config = try Config(currentContext: "ctx-a")
        let resolved = try config.resolver(["DOCKER_HOST": "tcp://h:1", "DOCKER_CONTEXT": "ctx-b"]).resolve(
            EndpointOptions(host: "unix:///tmp/x.sock"))
        #expect(resolved.endpoint == .unix(path: "/tmp/x.sock"))
        #expect(resolved.source == .hostFlag("--docker-host"))
    }

    @Test("DOCKER_HOST wins over DOCKER_CONTEXT and currentContext")
    func environmentHostWins() throws {
        let config = try Config(currentContext: "ctx-a")
        let resolved = try config.resolver(["DOCKER_HOST": "tcp://h:1", "DOCKER_CONTEXT": "ctx-b"]).resolve()
        #expect(resolved.endpoint == .tcp(host: "h", port: 1))
        #expect(resolved.source == .environmentHost)
    }

    @Test("DOCKER_CONTEXT wins over currentContext")
    func environmentContextWins() throws {
        let config = try Config(currentContext: "ctx-b")
        let resolved = try config.resolver(["DOCKER_CONTEXT": "ctx-a"]).resolve()
        #expect(resolved.source == .environmentContext("ctx-a"))
        #expect(resolved.endpoint == .tcp(host: "10.0.0.1", port: 2376))
        let tls = try #require(resolved.tls)
        #expect(tls.verifyServer)
        #expect(tls.caFile?.hasSuffix("/contexts/tls/\(SHA256.hex("ctx-a"))/docker/ca.pem") == true)
        #expect(tls.certFile?.hasSuffix("/cert.pem") == true)
    }

    @Test("currentContext in config.json, then the default socket")
    func currentContextThenDefault() throws {
        let config = try Config(currentContext: "ctx-b")
        #expect(
            try config.resolver().resolve().source
                == .currentContext("ctx-b", configFile: config.directory + "/config.json"))
        let bare = try Config()
        let resolved = try bare.resolver().resolve()
        #expect(resolved.source == .defaultSocket)
        #expect(resolved.endpoint == .defaultUnixSocket)
    }

    @Test("the context named default is the default socket")
    func defaultContext() throws {
        let config = try Config(currentContext: "default")
        #expect(try config.resolver().resolve().endpoint == .defaultUnixSocket)
        #expect(try config.resolver().resolve(EndpointOptions(context: "default")).endpoint == .defaultUnixSocket)
    }

    @Test("a missing context is an error that names the file looked in")
    func missingContext() throws {
        let config = try Config()
        do {
            _ = try config.resolver().resolve(EndpointOptions(context: "nope"))
            Issue.record("resolved a context that does not exist")
        } catch {
            #expect(error.description.contains("\(config.directory)/contexts/meta/\(SHA256.hex("nope"))/meta.json"))
            #expect(error.description.hasPrefix("docker context 'nope': no such context"), "\(error)")
        }
    }

    @Test("SkipTLSVerify in a context: TLS without checking the engine")
    func skipTLSVerify() throws {
        let config = try Config()
        try config.write(context: "skip", host: "tcp://10.0.0.3", skipTLSVerify: true)
        let resolved = try config.resolver().resolve(EndpointOptions(context: "skip"))
        #expect(resolved.endpoint == .tcp(host: "10.0.0.3", port: 2376))
        #expect(resolved.tls == EngineTLS(verifyServer: false))
    }

    @Test("DOCKER_TLS_VERIFY and DOCKER_CERT_PATH; flags name other files")
    func environmentTLS() throws {
        let config = try Config()
        let certs = config.directory + "/certs"
        try FileManager.default.createDirectory(atPath: certs, withIntermediateDirectories: true)
        for file in ["ca.pem", "cert.pem", "key.pem"] {
            try Data("x".utf8).write(to: URL(fileURLWithPath: "\(certs)/\(file)"))
        }
        let environment = ["DOCKER_HOST": "tcp://remote", "DOCKER_TLS_VERIFY": "1", "DOCKER_CERT_PATH": certs]
        let resolved = try config.resolver(environment).resolve()
        #expect(resolved.endpoint == .tcp(host: "remote", port: 2376))
        #expect(
            resolved.tls
                == EngineTLS(caFile: certs + "/ca.pem", certFile: certs + "/cert.pem", keyFile: certs + "/key.pem"))
        let flagged = try config.resolver(environment).resolve(EndpointOptions(tlsCACert: "/other/ca.pem"))
        #expect(flagged.tls?.caFile == "/other/ca.pem")
        // --tls alone: no server check, the client certificate if there is one.
        let plain = try config.resolver(["DOCKER_CERT_PATH": certs]).resolve(
            EndpointOptions(host: "tcp://remote:9", tls: true))
        #expect(plain.tls == EngineTLS(certFile: certs + "/cert.pem", keyFile: certs + "/key.pem", verifyServer: false))
        // No TLS asked: none, whatever files lie about.
        #expect(try config.resolver(["DOCKER_CERT_PATH": certs]).resolve(EndpointOptions(host: "tcp://r")).tls == nil)
    }

    @Test("no Docker socket: Podman's, rootful first, then rootless")
    func podmanSocket() throws {
        let config = try Config()
        let rootless = try config.resolver(
            ["XDG_RUNTIME_DIR": "/run/user/1000"], sockets: ["/run/user/1000/podman/podman.sock"]
        ).resolve()
        #expect(rootless.endpoint == .unix(path: "/run/user/1000/podman/podman.sock"))
        #expect(rootless.source == .podmanSocket)
        let rootful = try config.resolver(
            ["XDG_RUNTIME_DIR": "/run/user/1000"],
            sockets: ["/run/podman/podman.sock", "/run/user/1000/podman/podman.sock"]
        ).resolve()
        #expect(rootful.endpoint == .unix(path: "/run/podman/podman.sock"))
        // A Docker socket wins.
        let docker = try config.resolver(sockets: ["/var/run/docker.sock", "/run/podman/podman.sock"]).resolve()
        #expect(docker.endpoint == .defaultUnixSocket)
    }

    @Test(
        "ssh:// URLs as the docker CLI's connhelper parses them",
        arguments: [
            ("ssh://host", SSHDestination(host: "host"), ["--", "host", "docker", "system", "dial-stdio"]),
            (
                "ssh://root@127.0.0.1:2222", SSHDestination(user: "root", host: "127.0.0.1", port: 2222),
                ["-l", "root", "-p", "2222", "--", "127.0.0.1", "docker", "system", "dial-stdio"]
            ),
            (
                "ssh://u@h/var/run/d.sock", SSHDestination(user: "u", host: "h", socketPath: "/var/run/d.sock"),
                ["-l", "u", "--", "h", "docker", "--host=unix:///var/run/d.sock", "system", "dial-stdio"]
            ),
        ] as [(String, SSHDestination, [String])])
    func sshURLs(url: String, expected: SSHDestination, tail: [String]) throws {
        guard case .ssh(let destination) = try EngineEndpoint(dockerHost: url) else {
            Issue.record("not an ssh endpoint")
            return
        }
        #expect(destination == expected)
        #expect(destination.description == url)
        let arguments = destination.sshArguments(options: [])
        #expect(arguments.contains("ConnectTimeout=30") && arguments.contains("-T"))
        #expect(Array(arguments.filter { $0 != "-o" && $0 != "ConnectTimeout=30" && $0 != "-T" }) == tail)
    }
}
