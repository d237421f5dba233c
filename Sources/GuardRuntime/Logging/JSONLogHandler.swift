import Foundation
import GuardCore
import Logging
import Synchronization

/// One JSON object per line on standard error: `{"time","level","label","message",…metadata}`.
/// `time` is RFC 3339 in UTC (`2026-11-25T23:26:00.123456789Z`); a number or a boolean logged as
/// `.stringConvertible` stays a JSON number or boolean, so a log shipper can compare it.
struct JSONLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?
    /// Where the lines go; standard error but in tests.
    var write: @Sendable (Data) -> Void = { line in
        JSONLogHandler.output.withLock { _ in FileHandle.standardError.write(line) }
    }

    /// Lines from concurrent tasks must not interleave.
    private static let output = Mutex(())

    init(label: String) {
        self.label = label
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var fields: [String: LogValue] = [:]
        for (key, value) in metadata { fields[key] = LogValue(value) }
        for (key, value) in metadataProvider?.get() ?? [:] { fields[key] = LogValue(value) }
        for (key, value) in event.metadata ?? [:] { fields[key] = LogValue(value) }
        fields["time"] = .string(EngineTimestamp.now())
        fields["level"] = .string(event.level.rawValue)
        fields["label"] = .string(label)
        fields["message"] = .string("\(event.message)")
        fields["source"] = .string(event.source)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard var line = try? encoder.encode(fields) else { return }
        line.append(UInt8(ascii: "\n"))
        write(line)
    }
}

/// A metadata value as JSON: strings, numbers, booleans, arrays and objects.
enum LogValue: Encodable, Equatable {
    case string(String)
    case integer(Int64)
    case unsigned(UInt64)
    case number(Double)
    case boolean(Bool)
    case array([LogValue])
    case object([String: LogValue])

    init(_ value: Logger.Metadata.Value) {
        switch value {
        case .string(let text): self = .string(text)
        case .stringConvertible(let value): self = Self.scalar(value)
        case .array(let values): self = .array(values.map(LogValue.init))
        case .dictionary(let values): self = .object(values.mapValues(LogValue.init))
        }
    }

    private static func scalar(_ value: any CustomStringConvertible & Sendable) -> LogValue {
        switch value {
        case let value as Bool: .boolean(value)
        case let value as any SignedInteger: Int64(exactly: value).map(LogValue.integer) ?? .string("\(value)")
        case let value as any UnsignedInteger: UInt64(exactly: value).map(LogValue.unsigned) ?? .string("\(value)")
        case let value as any BinaryFloatingPoint:
            // JSON has no NaN or infinity.
            Double(value).isFinite ? .number(Double(value)) : .string("\(value)")
        default: .string(value.description)
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .unsigned(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .boolean(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
}
