import ArgumentParser
import Foundation
import NIOCore
import GuardCore
import StatusServer

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns a fatal error into one line on standard error and a non-zero exit.
public enum CommandFailure {
    public static func describe(_ error: any Error, listen: ListenAddress) -> any Error {
        let message: String
        if let error = error as? IOError, error.errnoCode == EADDRINUSE {
            message = "cannot listen on \(listen): address already in use"
        } else if let error = error as? IOError, error.errnoCode == EACCES {
            message = "cannot listen on \(listen): permission denied"
        } else if "\(error)".contains("bind") || error is SocketAddressError {
            message = "cannot listen on \(listen): \(error)"
        } else {
            message = "\(error)"
        }
        printError("error: \(message)")
        return ExitCode.failure
    }

    /// Prints `error: message` and returns the failure exit to throw.
    public static func fail(_ message: String) -> any Error {
        printError("error: \(message)")
        return ExitCode.failure
    }

    public static func printError(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}
