import Foundation
import Glibc
import TestSupport
import Testing

@testable import DockerEngine

/// `SSHProcess.failure` is asked after every failed request over ssh. It must answer ssh's own words
/// once ssh ends, and nil on time when ssh runs on: a session to a hung engine never ends, and a
/// wait for it held a guard's engine link (and its shutdown) for good. The stand-in runs for 600 s;
/// the bounds allow a minute, because the suite's start keeps the test's own threads busy for seconds.
@Suite("ssh process: why it ended, within a bound", .timeLimit(.minutes(3)))
struct SSHProcessTests {
    /// A stand-in for ssh: a script in a folder of its own that runs `body`, whatever its arguments.
    func standIn(_ body: String) throws -> (program: String, folder: String) {
        let folder = NSTemporaryDirectory() + "dg-ssh-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let program = folder + "/ssh"
        try writeExecutable("#!/bin/sh\n\(body)\n", to: program)
        return (program, folder)
    }

    let destination = try! SSHDestination(url: "ssh://root@127.0.0.1:1")

    /// Spawns the stand-in. A test beside this one that spawns a process while the script is being
    /// written lets that child inherit the write descriptor for a moment, and exec then fails with
    /// ETXTBSY ("Text file busy"): retried, as Go's os/exec does.
    func spawn(_ program: String) throws -> SSHProcess {
        for _ in 0..<50 {
            do { return try SSHProcess.spawn(destination, program: program) } catch {
                guard "\(error)".contains("Text file busy") else { throw error }
                usleep(20_000)
            }
        }
        return try SSHProcess.spawn(destination, program: program)
    }

    @Test("ssh's last line once it has ended")
    func endedWithWords() async throws {
        let (program, folder) = try standIn("echo 'Host key verification failed.' >&2; exit 255")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let process = try spawn(program)
        defer { close(process.socket) }
        #expect(await process.failure(within: 30) == "ssh: Host key verification failed.")
        // Asked again after the exit: the same words at once.
        #expect(await process.failure(within: 0) == "ssh: Host key verification failed.")
    }

    /// Runs `ask` on an ssh stand-in that runs on for 600 s; returns its answer and how long it took.
    func askRunningSSH(_ ask: @escaping @Sendable (SSHProcess) async -> String?) async throws
        -> (words: String?, waited: Duration)
    {
        let (program, folder) = try standIn("exec sleep 600")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let process = try spawn(program)
        defer {
            kill(process.pid, SIGKILL)
            close(process.socket)
        }
        let clock = ContinuousClock()
        let started = clock.now
        let words = await ask(process)
        return (words, clock.now - started)
    }

    @Test("nil once the bound has passed while ssh runs on")
    func stillRunning() async throws {
        let (words, waited) = try await askRunningSSH { await $0.failure(within: 0.2) }
        #expect(words == nil)
        #expect(waited < .seconds(60), "waited \(waited) for a 0.2 s bound")
    }

    @Test("a cancelled caller stops waiting at once")
    func cancelled() async throws {
        let (words, waited) = try await askRunningSSH { process in
            let waiter = Task { await process.failure(within: 600) }
            try? await Task.sleep(for: .milliseconds(50))
            waiter.cancel()
            return await waiter.value
        }
        #expect(words == nil)
        #expect(waited < .seconds(60), "a cancelled wait took \(waited) of its 600 s bound")
    }
}
