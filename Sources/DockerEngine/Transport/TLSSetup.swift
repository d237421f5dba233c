import Foundation
import NIOCore
import NIOSSL

/// The TLS context of a `tcp://` endpoint, built once per client so that a bad file is found at
/// start, named, before any connection.
struct TLSSetup: Sendable {
    let tls: EngineTLS
    let context: NIOSSLContext

    init(_ tls: EngineTLS, now: time_t = time(nil)) throws(EngineError) {
        self.tls = tls
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.minimumTLSVersion = .tlsv12
        if tls.verifyServer {
            configuration.certificateVerification = .fullVerification
            if let caFile = tls.caFile {
                configuration.trustRoots = .certificates(try Self.certificates(caFile, what: "CA file"))
            }
        } else {
            configuration.certificateVerification = .none
        }
        switch (tls.certFile, tls.keyFile) {
        case (let certFile?, let keyFile?):
            let chain = try Self.certificates(certFile, what: "client certificate")
            if let leaf = chain.first, leaf.notValidAfter < now {
                throw .invalidEndpoint(
                    certFile, reason: "the client certificate expired on \(Self.date(leaf.notValidAfter))")
            }
            configuration.certificateChain = chain.map { .certificate($0) }
            do {
                configuration.privateKey = .privateKey(try NIOSSLPrivateKey(file: keyFile, format: .pem))
            } catch {
                throw .invalidEndpoint(keyFile, reason: "cannot read the client key: \(Self.fileProblem(keyFile))")
            }
        case (let certFile?, nil):
            throw .invalidEndpoint(certFile, reason: "a client certificate needs its key (--tlskey or key.pem)")
        case (nil, let keyFile?):
            throw .invalidEndpoint(keyFile, reason: "a client key needs its certificate (--tlscert or cert.pem)")
        case (nil, nil):
            break
        }
        do {
            context = try NIOSSLContext(configuration: configuration)
        } catch {
            throw .invalidEndpoint(tls.certFile ?? tls.caFile ?? "TLS", reason: "bad TLS configuration: \(error)")
        }
    }

    /// The handler for a connection to `host`. SNI takes names only: an IP literal is checked
    /// against the certificate's IP addresses instead.
    func handler(host: String) throws -> NIOSSLClientHandler {
        let isAddress = (try? SocketAddress(ipAddress: host, port: 0)) != nil
        return try NIOSSLClientHandler(context: context, serverHostname: isAddress ? nil : host)
    }

    private static func certificates(_ file: String, what: String) throws(EngineError) -> [NIOSSLCertificate] {
        do {
            let certificates = try NIOSSLCertificate.fromPEMFile(file)
            guard !certificates.isEmpty else { throw EngineError.invalidResponse("empty") }
            return certificates
        } catch {
            throw .invalidEndpoint(file, reason: "cannot read the \(what): \(fileProblem(file))")
        }
    }

    private static func fileProblem(_ file: String) -> String {
        FileManager.default.isReadableFile(atPath: file) ? "not a PEM file" : "no such file or not readable"
    }

    static func date(_ time: time_t) -> String {
        let formatter = ISO8601DateFormatter()
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(time)))
    }
}
