import Glibc
import NIOCore
import NIOPosix

/// A failure of the socket under a call, in words: `connection refused`, not NIO's
/// `SingleConnectionFailure(target: [IPv4]127.0.0.1/127.0.0.1:1, error: …)`.
enum ConnectionFailure {
    static func words(for error: any Error) -> String {
        switch error {
        case let error as IOError:
            return words(errno: error.errnoCode)
        case let error as NIOConnectionError:
            // Every address of the host was tried; the first one's failure says enough.
            if let first = error.connectionErrors.first { return words(for: first.error) }
            if error.dnsAError != nil || error.dnsAAAAError != nil { return "cannot resolve host \(error.host)" }
            return "no address for host \(error.host)"
        case let error as ChannelError:
            switch error {
            case .connectTimeout: return "connect timed out"
            case .ioOnClosedChannel, .alreadyClosed, .eof: return "connection closed"
            case .inputClosed, .outputClosed: return "connection lost"
            default: return "\(error)"
            }
        case let error as SocketAddressError:
            switch error {
            case .unixDomainSocketPathTooLong: return "the socket path is too long"
            case .unknown(let host, _): return "cannot resolve host \(host)"
            default: return "bad address"
            }
        default:
            return "\(error)"
        }
    }

    /// `strerror` in lower case: "connection refused", "no such file or directory".
    static func words(errno code: Int32) -> String {
        let text = String(cString: strerror(code))
        return text.prefix(1).lowercased() + text.dropFirst()
    }
}
