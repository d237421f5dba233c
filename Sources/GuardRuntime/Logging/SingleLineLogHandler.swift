import Logging

/// Keeps one log record on one line: a message or a metadata value with line breaks in it (an
/// allow-list with several errors, say) has them written as `\n`, so that a reader of the log, or
/// a tool that reads it a line at a time, never takes the second half for a record of its own.
public struct SingleLineLogHandler<Inner: LogHandler>: LogHandler {
    var inner: Inner

    public init(inner: Inner) {
        self.inner = inner
    }

    public var logLevel: Logger.Level {
        get { inner.logLevel }
        set { inner.logLevel = newValue }
    }

    public var metadata: Logger.Metadata {
        get { inner.metadata }
        set { inner.metadata = newValue }
    }

    public var metadataProvider: Logger.MetadataProvider? {
        get { inner.metadataProvider }
        set { inner.metadataProvider = newValue }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { inner[metadataKey: key] }
        set { inner[metadataKey: key] = newValue }
    }

    public func log(event: LogEvent) {
        var event = event
        event.message = "\(Self.oneLine(event.message.description))"
        event.metadata = event.metadata?.mapValues(Self.oneLine)
        inner.log(event: event)
    }

    static func oneLine(_ text: String) -> String {
        guard text.contains(where: \.isNewline) else { return text }
        return text.replacing("\r\n", with: "\\n").replacing("\n", with: "\\n").replacing("\r", with: "\\r")
    }

    static func oneLine(_ value: Logger.Metadata.Value) -> Logger.Metadata.Value {
        switch value {
        case .string(let text): .string(oneLine(text))
        case .stringConvertible(let value):
            value.description.contains(where: \.isNewline)
                ? .string(oneLine(value.description)) : .stringConvertible(value)
        case .array(let values): .array(values.map(oneLine))
        case .dictionary(let values): .dictionary(values.mapValues(oneLine))
        }
    }
}
