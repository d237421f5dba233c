import ArgumentParser
import Foundation
import Glibc
import GuardCore
import NIOCore
import StatusServer

/// Turns a fatal error into one line on standard error and a non-zero exit.
public enum CommandFailure {
    public static func describe(_ error: any Error, listen: ListenAddress) -> any Error {
        printError("error: \(message(for: error, listen: listen))")
        return ExitCode.failure
    }

    /// One line for an error of the HTTP API's listener, e.g.
    /// `cannot listen on 127.0.0.1:8080: address already in use`.
    public static func message(for error: any Error, listen: ListenAddress) -> String {
        if let error = error as? IOError, error.errnoCode == EADDRINUSE {
            return "cannot listen on \(listen): address already in use"
        } else if let error = error as? IOError, error.errnoCode == EACCES {
            return "cannot listen on \(listen): permission denied"
        } else if "\(error)".contains("bind") || error is SocketAddressError {
            return "cannot listen on \(listen): \(error)"
        }
        return "\(error)"
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
