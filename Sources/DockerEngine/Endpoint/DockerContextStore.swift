import Foundation

/// The docker CLI's context store, read only: `$DOCKER_CONFIG/contexts/meta/<sha256 of the name>/meta.json`
/// and the TLS files in `contexts/tls/<sha256>/docker/`.
public struct DockerContextStore: Sendable {
    /// `$DOCKER_CONFIG`, or `~/.docker`.
    public let configDirectory: String

    public init(configDirectory: String) {
        self.configDirectory = configDirectory
    }

    /// A context's Docker endpoint.
    public struct Context: Sendable, Hashable {
        public var name: String
        public var host: String
        public var skipTLSVerify: Bool
        public var metaFile: String
        /// The context's TLS files that exist (`ca.pem`, `cert.pem`, `key.pem`).
        public var tlsDirectory: String
        public var caFile: String?
        public var certFile: String?
        public var keyFile: String?
    }

    public var configFile: String { configDirectory + "/config.json" }

    /// `currentContext` in config.json (nil when the file or the key is absent, or empty).
    public func currentContext() throws(EngineError) -> String? {
        guard let data = FileManager.default.contents(atPath: configFile) else { return nil }
        struct Config: Decodable { var currentContext: String? }
        do {
            let name = try JSONDecoder().decode(Config.self, from: data).currentContext
            return name?.isEmpty == false ? name : nil
        } catch {
            throw .invalidEndpoint(configFile, reason: "not a docker config file: \(error)")
        }
    }

    public func metaFile(for name: String) -> String {
        "\(configDirectory)/contexts/meta/\(SHA256.hex(name))/meta.json"
    }

    /// The context named `name`; an error naming the file looked in when there is none.
    public func context(named name: String) throws(EngineError) -> Context {
        let file = metaFile(for: name)
        guard let data = FileManager.default.contents(atPath: file) else {
            throw .invalidContext(name: name, reason: "no such context (looked for \(file))")
        }
        struct Meta: Decodable {
            struct Endpoint: Decodable {
                var Host: String?
                var SkipTLSVerify: Bool?
            }
            var Name: String?
            var Endpoints: [String: Endpoint]?
        }
        let meta: Meta
        do {
            meta = try JSONDecoder().decode(Meta.self, from: data)
        } catch {
            throw .invalidContext(name: name, reason: "\(file) is not a context's meta.json: \(error)")
        }
        guard let docker = meta.Endpoints?["docker"], let host = docker.Host, !host.isEmpty else {
            throw .invalidContext(name: name, reason: "\(file) has no Endpoints.docker.Host")
        }
        let tls = "\(configDirectory)/contexts/tls/\(SHA256.hex(name))/docker"
        func existing(_ file: String) -> String? {
            FileManager.default.fileExists(atPath: "\(tls)/\(file)") ? "\(tls)/\(file)" : nil
        }
        return Context(
            name: name, host: host, skipTLSVerify: docker.SkipTLSVerify ?? false, metaFile: file, tlsDirectory: tls,
            caFile: existing("ca.pem"), certFile: existing("cert.pem"), keyFile: existing("key.pem"))
    }
}
