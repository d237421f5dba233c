import Foundation

/// The private engine's other ways in that `scripts/test` sets up (scripts/endpoints): TLS on a
/// loopback port and an sshd whose key runs `docker system dial-stdio` on it.
public enum RemoteEndpoints {
    static var environment: [String: String] { TestEngine.environment }

    /// `tcp://127.0.0.1:PORT`, served by the private engine with `--tlsverify`.
    public static var tlsHost: String? { environment["DOCKERGUARD_TEST_TLS_HOST"] }
    /// The certificates of scripts/endpoints certs.
    public static var certs: String? { environment["DOCKERGUARD_TEST_TLS_CERTS"] }
    /// `ssh://root@127.0.0.1:PORT`.
    public static var sshHost: String? { environment["DOCKERGUARD_TEST_SSH_HOST"] }
    /// The sshd's folder: its keys, known_hosts and ssh_config.
    public static var sshDirectory: String? { environment["DOCKERGUARD_TEST_SSH_DIR"] }

    public static var hasTLS: Bool { tlsHost != nil && certs != nil }
    public static var hasSSH: Bool { sshHost != nil && sshDirectory != nil }

    /// The flags of a verified TLS connection with the test's client certificate.
    public static func tlsArguments(ca: String = "ca.pem", cert: String? = "cert.pem", key: String? = "key.pem")
        -> [String]
    {
        guard let certs else { return [] }
        var arguments = ["--tlsverify", "--tlscacert", "\(certs)/\(ca)"]
        if let cert { arguments += ["--tlscert", "\(certs)/\(cert)"] }
        if let key { arguments += ["--tlskey", "\(certs)/\(key)"] }
        return arguments
    }
}
