@testable import GuardCore

/// Shared inputs for the allow-list tests.
enum PolicySamples {
    /// What an unknown key's message says was expected.
    static let expectedKeys =
        "expected name, image, image-id, id, label or keep-running, or a term that lifts a profile limit: "
        + "privileged, host-network, host-pid, host-ipc, host-uts, mount, cap, device, user, seccomp, apparmor, "
        + "systempaths or profile"

    /// The example file from the design doc.
    static let designDocExample = """
        # dockerguard allow-list
        name=web-*                          # container name glob (* and ?), without the leading /
        image=nginx:1.27                    # image reference, normalised: nginx == docker.io/library/nginx:latest
        image=registry.example.com/team/*   # glob over the normalised reference; @sha256: digests too
        image-id=sha256:4f2a                # image ID prefix (a bare hex prefix without "sha256:" also works)
        id=3f2a9c1b77e0                     # container ID prefix
        label=com.example.tier=backend      # label key=value (value glob); label=KEY alone means the label exists
        name=db image=postgres:16*          # several terms: all must match
        name=worker-* keep-running          # flag: restart it when it stops

        """

    /// Parses text that must be valid; a failure throws the errors, which the test then shows.
    static func list(_ text: String, path: String = "allowlist") throws -> AllowList {
        try AllowList.parse(text, path: path).get()
    }

    /// The error lines for text that must be invalid; empty when it parsed.
    static func errors(_ text: String, path: String = "allowlist") -> [String] {
        switch AllowList.parse(text, path: path) {
        case .success: []
        case .failure(let errors): errors.errors.map(\.description)
        }
    }

    static func errors(bytes: [UInt8], maxBytes: Int = AllowList.defaultMaxBytes) -> [AllowListError] {
        switch AllowList.parse(bytes: bytes, path: "allowlist", maxBytes: maxBytes) {
        case .success: []
        case .failure(let errors): errors.errors
        }
    }

    static func image(_ text: String) throws -> RuleTerm {
        .image(try ImagePattern(parsing: text))
    }

    static func subject(
        id: String = "9d1c0ffee0000000000000000000000000000000000000000000000000000000",
        name: String = "/unrelated",
        image: String = "busybox:latest",
        imageID: String = "sha256:0000000000000000000000000000000000000000000000000000000000000000",
        aliases: [String] = [],
        labels: [String: String] = [:]
    ) -> MatchSubject {
        MatchSubject(id: id, name: name, imageRef: image, imageID: imageID, imageAliases: aliases, labels: labels)
    }

    /// `count` random bytes, the same on every run for a given seed.
    static func garbage(count: Int, seed: UInt64) -> [UInt8] {
        var random = SplitMix64(state: seed)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count + 8)
        // Eight bytes per draw: drawing byte by byte is slow in a debug build.
        while bytes.count < count {
            withUnsafeBytes(of: random.next()) { bytes.append(contentsOf: $0) }
        }
        return Array(bytes.prefix(count))
    }

    /// A small deterministic generator, so that "random" inputs are the same on every run.
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
