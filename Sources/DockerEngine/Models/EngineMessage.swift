import Foundation

/// The engine's error body: `{"message": "No such container: x"}`.
struct EngineMessage: Decodable {
    var message: String

    static func decode(_ body: [UInt8]) -> String? {
        (try? JSONDecoder().decode(EngineMessage.self, from: Data(body)))?.message
    }
}
