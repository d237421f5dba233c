/// One line of a container's output, without its newline.
public struct LogLine: Sendable, Hashable {
    public var stream: LogStream
    public var bytes: [UInt8]

    public init(stream: LogStream, bytes: [UInt8]) {
        self.stream = stream
        self.bytes = bytes
    }
}

/// Cuts each stream's bytes into lines. stdout and stderr are kept apart (a frame of one never
/// ends a half line of the other); a line longer than `maxLineBytes` is cut there, so output without
/// newlines cannot grow a buffer without bound.
public struct LogLineSplitter: Sendable {
    public let maxLineBytes: Int
    private var partial: [LogStream: [UInt8]] = [:]

    public init(maxLineBytes: Int = 16 * 1024) {
        self.maxLineBytes = maxLineBytes
    }

    public mutating func feed(_ chunk: LogChunk) -> [LogLine] {
        var lines: [LogLine] = []
        var current = partial.removeValue(forKey: chunk.stream) ?? []
        for byte in chunk.bytes {
            if byte == UInt8(ascii: "\n") {
                if current.last == UInt8(ascii: "\r") { current.removeLast() }
                lines.append(LogLine(stream: chunk.stream, bytes: current))
                current.removeAll(keepingCapacity: true)
                continue
            }
            if current.count >= maxLineBytes {
                lines.append(LogLine(stream: chunk.stream, bytes: current))
                current.removeAll(keepingCapacity: true)
            }
            current.append(byte)
        }
        if !current.isEmpty { partial[chunk.stream] = current }
        return lines
    }

    /// The half lines left when the stream ends.
    public mutating func finish() -> [LogLine] {
        defer { partial.removeAll() }
        return [LogStream.stdout, .stderr, .stdin].compactMap { stream in
            partial[stream].map { LogLine(stream: stream, bytes: $0) }
        }
    }
}
