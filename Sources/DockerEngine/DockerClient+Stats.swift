import Foundation
import NIOHTTP1

extension DockerClient {
    /// `GET /containers/{id}/stats?stream=false&one-shot=true`: one sample, answered at once (the
    /// engine skips the second sample it otherwise waits a second for: CPU % comes from the
    /// caller's previous sample). Before API 1.41 there is no one-shot and the engine takes ~1 s.
    public func containerStats(_ id: String) async throws(EngineError) -> ContainerStats {
        var request = EngineRequest(method: .GET, path: "/containers/\(Self.pathSegment(id))/stats")
        request.query.append(("stream", "false"))
        if try await currentAPIVersion() >= APIVersion(major: 1, minor: 41) {
            request.query.append(("one-shot", "true"))
        }
        let response = try await send(request)
        guard response.isSuccess else { throw EngineError.from(status: response.status, body: response.body) }
        do {
            return try JSONDecoder().decode(ContainerStats.self, from: Data(response.body))
        } catch {
            throw .invalidResponse("\(request.path): \(error)")
        }
    }
}
