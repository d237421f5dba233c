import Foundation

/// Turns the raw `/events` body into `EngineEvent`s, incrementally.
public struct EventStreamDecoder: Sendable {
    private var splitter = JSONStreamSplitter()

    public init() {}

    /// Returns the events completed by `chunk`. A message that is valid JSON but not an event we can
    /// read is skipped rather than ending the stream: the engine adds fields and event types over time.
    public mutating func decode(_ chunk: some Sequence<UInt8>) throws(EngineError) -> [EngineEvent] {
        let objects: [[UInt8]]
        do {
            objects = try splitter.feed(chunk)
        } catch {
            throw .invalidResponse("event stream: \(error)")
        }
        let decoder = JSONDecoder()
        return objects.compactMap { try? decoder.decode(EngineEvent.self, from: Data($0)) }
    }
}
