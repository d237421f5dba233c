import Foundation

/// The private Podman API service that `scripts/test` starts (scripts/podman-private), with the
/// test image imported (Podman calls it `localhost/busybox:local`).
public enum PodmanEngine {
    /// `unix:///…/podman.sock`.
    public static var host: String? { TestEngine.environment["DOCKERGUARD_TEST_PODMAN_HOST"] }

    public static var isAvailable: Bool { host != nil }

    /// A container's state as the docker CLI reads it from Podman (the independent witness).
    public static func state(_ id: String) async -> String? {
        try? await TestEngine.docker("container", "inspect", "-f", "{{.State.Status}}", id, host: host)
    }
}
