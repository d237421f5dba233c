import Glibc
import NIOCore
import NIOPosix
import NIOSSL

/// Opens one connection to the engine, whatever the endpoint: a unix socket, TCP (with TLS when
/// set up), or an ssh process's standard input and output.
struct EngineDialer: Sendable {
    let endpoint: EngineEndpoint
    let group: any EventLoopGroup
    let tls: TLSSetup?
    var connectTimeout: TimeAmount = .seconds(5)

    /// A connection, set up by `initializer` once the transport's own handlers (TLS) are in place,
    /// and the ssh process behind it, if any (to ask why it ended).
    func connect<Output: Sendable>(
        _ initializer: @escaping @Sendable (any Channel) -> EventLoopFuture<Output>
    ) async throws -> (Output, SSHProcess?) {
        let bootstrap = ClientBootstrap(group: group).connectTimeout(connectTimeout)
        switch endpoint {
        case .unix(let path):
            return (try await bootstrap.connect(unixDomainSocketPath: path, channelInitializer: initializer), nil)
        case .tcp(let host, let port):
            guard let tls else {
                return (try await bootstrap.connect(host: host, port: port, channelInitializer: initializer), nil)
            }
            let withTLS: @Sendable (any Channel) -> EventLoopFuture<Output> = { channel in
                let added = channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(try tls.handler(host: host))
                }
                return added.flatMap { initializer(channel) }
            }
            return (try await bootstrap.connect(host: host, port: port, channelInitializer: withTLS), nil)
        case .ssh(let destination):
            let process = try SSHProcess.spawn(destination)
            do {
                return (
                    try await bootstrap.withConnectedSocket(process.socket, channelInitializer: initializer), process
                )
            } catch {
                kill(process.pid, SIGTERM)
                throw error
            }
        }
    }

    /// Words for a failure of a connection made here: ssh's own last line, the TLS problem with the
    /// file or host at fault, or the socket error.
    func describe(_ error: any Error, process: SSHProcess?) async -> String {
        if let process, let words = await process.failure() { return words }
        if let tls, case .tcp(let host, let port) = endpoint {
            var peer: [NIOSSLCertificate]?
            if TLSFailure.needsPeerChain(error) {
                peer = await TLSFailure.peerChain(host: host, port: port, setup: tls, group: group)
            }
            if let words = TLSFailure.words(for: error, setup: tls, host: host, peer: peer) { return words }
        }
        return ConnectionFailure.words(for: error)
    }
}
