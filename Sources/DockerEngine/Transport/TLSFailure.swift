import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL

/// A failed TLS handshake in one line that names the file or the host at fault.
enum TLSFailure {
    /// Words for `error`, nil when it is not a TLS failure. `peer` is the certificate chain the
    /// engine presented, when a second look could fetch it (to tell an expired certificate from a
    /// foreign CA, which BoringSSL reports alike).
    static func words(for error: any Error, setup: TLSSetup, host: String, peer: [NIOSSLCertificate]?) -> String? {
        if let extra = error as? NIOSSLExtraError, extra == .failedToValidateHostname {
            return "the engine's certificate is not valid for the host name \(host)"
        }
        // A refused client certificate comes as an alert after the handshake (TLS 1.3): a
        // BoringSSLError of its own, not a NIOSSLError.
        let text: String
        switch error {
        case NIOSSLError.handshakeFailed(let reason): text = "\(reason)"
        case let error as NIOSSLError: text = "\(error)"
        case let error as BoringSSLError: text = "\(error)"
        default: return nil
        }
        let lower = text.lowercased()
        if lower.contains("certificate_verify_failed") {
            if let leaf = peer?.first {
                let now = time(nil)
                if leaf.notValidAfter < now {
                    return "the engine's certificate expired on \(TLSSetup.date(leaf.notValidAfter))"
                }
                if leaf.notValidBefore > now {
                    return "the engine's certificate is not valid before \(TLSSetup.date(leaf.notValidBefore))"
                }
            }
            return "the engine's certificate is not signed by the CA in \(setup.tls.caFile ?? "the system's roots")"
        }
        if lower.contains("certificate_required") || lower.contains("bad_certificate")
            || lower.contains("handshake_failure") || lower.contains("certificate_expired")
            || lower.contains("unknown_ca") || lower.contains("certificate_unknown")
        {
            guard let certFile = setup.tls.certFile else {
                return "the engine requires a client certificate and none was given (--tlscert, "
                    + "or cert.pem in DOCKER_CERT_PATH)"
            }
            if lower.contains("certificate_expired") {
                return "the engine says the client certificate \(certFile) expired"
            }
            return "the engine refused the client certificate \(certFile)"
        }
        if lower.contains("wrong_version_number") || lower.contains("unexpected") {
            return "\(host) does not speak TLS (try tcp:// without --tlsverify)"
        }
        return "TLS handshake failed: \(text)"
    }

    /// The chain the engine presents, fetched by a handshake that accepts anything and then hangs up.
    static func peerChain(host: String, port: Int, setup: TLSSetup, group: any EventLoopGroup) async
        -> [NIOSSLCertificate]?
    {
        let seen = NIOLockedValueBox<[NIOSSLCertificate]?>(nil)
        let bootstrap = ClientBootstrap(group: group).connectTimeout(.seconds(5)).channelInitializer { channel in
            channel.eventLoop.makeCompletedFuture {
                let handler = try NIOSSLClientHandler(
                    context: setup.context, serverHostname: nil,
                    customVerificationCallback: { chain, promise in
                        seen.withLockedValue { $0 = chain }
                        promise.succeed(.failed)
                    })
                try channel.pipeline.syncOperations.addHandler(handler)
            }
        }
        guard let channel = try? await bootstrap.connect(host: host, port: port).get() else { return nil }
        let limit = channel.eventLoop.scheduleTask(in: .seconds(5)) { channel.close(promise: nil) }
        try? await channel.closeFuture.get()
        limit.cancel()
        return seen.withLockedValue { $0 }
    }
}

extension TLSFailure {
    /// Only a failed check of the engine's certificate is worth a second handshake to look at it.
    static func needsPeerChain(_ error: any Error) -> Bool {
        guard let error = error as? NIOSSLError, case .handshakeFailed(let reason) = error else { return false }
        return "\(reason)".lowercased().contains("certificate_verify_failed")
    }
}
