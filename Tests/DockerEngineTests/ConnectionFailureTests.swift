import Foundation
import Glibc
import NIOCore
import Testing

@testable import DockerEngine

/// Every engine error is one line in words, never the networking library's internals.
@Suite("Engine errors in words")
struct ConnectionFailureTests {
    @Test("a refused TCP connect: `cannot connect to tcp://127.0.0.1:1: connection refused`")
    func refusedTCP() async {
        // Port 1 on loopback: nothing listens there, and nothing leaves the machine.
        let client = DockerClient(endpoint: .tcp(host: "127.0.0.1", port: 1))
        await #expect {
            _ = try await client.ping()
        } throws: { error in
            "\(error)" == "cannot connect to tcp://127.0.0.1:1: connection refused"
        }
    }

    @Test("a missing unix socket: `… no such file or directory`")
    func missingSocket() async {
        let path = "/tmp/dockerguard-no-such-\(UUID().uuidString).sock"
        let client = DockerClient(endpoint: .unix(path: path))
        await #expect {
            _ = try await client.listContainers()
        } throws: { error in
            "\(error)" == "cannot connect to unix://\(path): no such file or directory"
        }
    }

    @Test(
        "NIO's errors map to short words",
        arguments: [
            (IOError(errnoCode: ECONNREFUSED, reason: "connect"), "connection refused"),
            (IOError(errnoCode: EACCES, reason: "connect"), "permission denied"),
            (ChannelError.connectTimeout(.seconds(5)), "connect timed out"),
            (ChannelError.eof, "connection closed"),
            (ChannelError.outputClosed, "connection lost"),
        ] as [(any Error & Sendable, String)])
    func words(error: any Error & Sendable, expected: String) {
        #expect(ConnectionFailure.words(for: error) == expected)
    }

    @Test("a bad engine URL names the value and why, in one line")
    func invalidEndpoint() {
        #expect(throws: EngineError.self) { try EngineEndpoint(dockerHost: "npipe://foo") }
        let error = EngineError.invalidEndpoint("ssh://foo", reason: "only unix:// and tcp:// are supported")
        #expect(error.description == "invalid Docker engine URL 'ssh://foo': only unix:// and tcp:// are supported")
        #expect(!error.description.contains("\n"))
    }
}
