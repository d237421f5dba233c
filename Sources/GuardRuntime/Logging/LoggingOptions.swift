import ArgumentParser
import Logging

/// `--log-format` and `--log-level`, shared by every long-running command.
public struct LoggingOptions: ParsableArguments {
    public init() {}

    public enum Format: String, ExpressibleByArgument, CaseIterable, Sendable {
        case human, json
    }

    @Option(name: .long, help: "Log format; json writes one object per line, for log shippers.")
    public var logFormat: Format = .human

    @Option(
        name: .long,
        help: ArgumentHelp("Log level.", valueName: "level"))
    public var logLevel: Logger.Level = .info

    /// Installs the chosen handler process-wide and returns the program's logger. Logs go to
    /// standard error, leaving standard output to command results.
    public func bootstrap() -> Logger {
        let format = logFormat
        let level = logLevel
        LoggingSystem.bootstrap { label in
            var handler: any LogHandler =
                switch format {
                case .human: SingleLineLogHandler(inner: StreamLogHandler.standardError(label: label))
                case .json: JSONLogHandler(label: label)
                }
            handler.logLevel = level
            return handler
        }
        return Logger(label: "dockerguard")
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
