import Foundation
import NIOHTTP1

extension DockerClient {
    /// One resource sample of a container. From its cgroup files when the engine is on this host
    /// (a Unix socket, and the container's cgroup found under its PID); else, or with
    /// `engineOnly`, from the engine's `GET /containers/{id}/stats`.
    public func containerStats(_ id: String, engineOnly: Bool = false) async throws(EngineError) -> ContainerStats {
        if !engineOnly, let localStats,
            let stats = await localStats.sample(
                id, inspect: { id throws(EngineError) in try await self.inspectContainer(id) })
        {
            return stats
        }
        return try await engineStats(id)
    }

    /// `GET /containers/{id}/stats?stream=false&one-shot=true`: one sample, answered at once (the
    /// engine skips the second sample it otherwise waits a second for: CPU % comes from the
    /// caller's previous sample). Before API 1.41 there is no one-shot and the engine takes ~1 s.
    private func engineStats(_ id: String) async throws(EngineError) -> ContainerStats {
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

    /// Cgroup files are read only for an engine on a Unix socket: over TCP or ssh the containers'
    /// PIDs are another host's.
    static func localStats(for endpoint: EngineEndpoint) -> LocalCgroupStats? {
        if case .unix = endpoint { return LocalCgroupStats() }
        return nil
    }
}
