/// Which of a container's streams a piece of output came from.
public enum LogStream: UInt8, Sendable, Hashable {
    case stdin = 0
    case stdout = 1
    case stderr = 2
}

/// A run of output bytes from one stream, as the engine sent them (not cut at lines).
public struct LogChunk: Sendable, Hashable {
    public var stream: LogStream
    public var bytes: [UInt8]

    public init(stream: LogStream, bytes: [UInt8]) {
        self.stream = stream
        self.bytes = bytes
    }
}

/// Decodes the engine's multiplexed stream (`/containers/{id}/logs` and attach of a container
/// without a TTY) incrementally: each frame is an 8-byte header — the stream (0 stdin, 1 stdout,
/// 2 stderr), three zero bytes, the payload size as a big-endian UInt32 — and the payload. The bytes
/// may arrive split anywhere, a header or a payload across any number of chunks.
public struct MultiplexedStreamDecoder: Sendable {
    public enum DecodeError: Error, Equatable {
        /// A header whose first byte is not a stream: the answer is not multiplexed.
        case badStream(UInt8)
    }

    private var header: [UInt8] = []
    private var stream: LogStream = .stdout
    private var remaining = 0

    public init() {}

    /// Consumes `bytes` and returns the payload pieces they carry, in order. A frame's payload may
    /// come out in several pieces when it arrives so; consecutive pieces are never merged across frames.
    public mutating func feed(_ bytes: some Collection<UInt8>) throws(DecodeError) -> [LogChunk] {
        var chunks: [LogChunk] = []
        var index = bytes.startIndex
        while index != bytes.endIndex {
            if remaining > 0 {
                let available = bytes.distance(from: index, to: bytes.endIndex)
                let take = min(available, remaining)
                let end = bytes.index(index, offsetBy: take)
                chunks.append(LogChunk(stream: stream, bytes: Array(bytes[index..<end])))
                remaining -= take
                index = end
                continue
            }
            header.append(bytes[index])
            index = bytes.index(after: index)
            guard header.count == 8 else { continue }
            guard let kind = LogStream(rawValue: header[0]) else { throw .badStream(header[0]) }
            stream = kind
            remaining = header[4...7].reduce(0) { $0 << 8 | Int($1) }
            header.removeAll(keepingCapacity: true)
        }
        return chunks
    }

    /// True between frames: nothing half-read is waiting.
    public var isAtBoundary: Bool { header.isEmpty && remaining == 0 }
}
