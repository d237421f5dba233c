/// How a container runs, as far as the security profile cares: the same value whether it was read
/// from a create request's body (before start) or from inspect (after start), so both enforcement
/// points judge alike.
public struct RuntimeFacts: Sendable, Hashable {
    /// `--privileged`.
    public var privileged = false
    /// `NetworkMode`: `host` shares the host's network namespace.
    public var networkMode = ""
    public var pidMode = ""
    public var ipcMode = ""
    public var utsMode = ""
    /// `--cap-add` and `--cap-drop`, normalised: uppercase, without `CAP_` (`ALL` stays `ALL`).
    public var capAdd: [String] = []
    public var capDrop: [String] = []
    /// Host paths of `--device`.
    public var devices: [String] = []
    /// `--device-cgroup-rule`: device access without a device node (`c *:* rwm`).
    public var deviceCgroupRules: [String] = []
    /// Host paths bind-mounted into the container (`-v /src:/dst`, `--mount type=bind`), normalised.
    public var bindSources: [String] = []
    /// `--security-opt` as given.
    public var securityOptions: [String] = []
    /// `--user` (or the image's), `""` when neither says: the image's default, usually root.
    public var user = ""
    /// False when how the container would run is not known (a create whose body the engine did
    /// not forward, or one that cannot be read as the engine reads it).
    public var isKnown = true

    public init(
        privileged: Bool = false, networkMode: String = "", pidMode: String = "", ipcMode: String = "",
        utsMode: String = "", capAdd: [String] = [], capDrop: [String] = [], devices: [String] = [],
        deviceCgroupRules: [String] = [], bindSources: [String] = [], securityOptions: [String] = [],
        user: String = ""
    ) {
        self.privileged = privileged
        self.networkMode = networkMode
        self.pidMode = pidMode
        self.ipcMode = ipcMode
        self.utsMode = utsMode
        self.capAdd = capAdd.map(Capabilities.normalized)
        self.capDrop = capDrop.map(Capabilities.normalized)
        self.devices = devices
        self.deviceCgroupRules = deviceCgroupRules
        self.bindSources = bindSources.map(HostPaths.normalized)
        self.securityOptions = securityOptions
        self.user = user
    }

    /// Nothing is known of how it would run: every profile but `privileged` fails closed on it.
    public static let unknown: RuntimeFacts = {
        var facts = RuntimeFacts()
        facts.isKnown = false
        return facts
    }()

    /// Whether nothing sets this container apart from a plain `docker run IMAGE`: the common
    /// case, which the decision answers without looking further.
    var isPlain: Bool {
        !privileged && networkMode != "host" && pidMode != "host" && ipcMode != "host" && utsMode != "host"
            && capAdd.isEmpty && devices.isEmpty && deviceCgroupRules.isEmpty && bindSources.isEmpty
            && securityOptions.isEmpty && isKnown
    }

    /// The host sources of `-v` binds (a source that is not an absolute path names a volume) and
    /// of `--mount type=bind`.
    static func bindSources(binds: [String], mounts: [(type: String, source: String)]) -> [String] {
        var sources: [String] = []
        for bind in binds {
            let source = bind.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            if source.hasPrefix("/") { sources.append(String(source)) }
        }
        for mount in mounts where mount.type.lowercased() == "bind" && !mount.source.isEmpty {
            sources.append(mount.source)
        }
        return sources
    }

    /// Security options as `key=value` (the legacy `key:value` spelling too), lowercased.
    func securityOption(_ key: String) -> String? {
        for option in securityOptions {
            let lowered = option.lowercased()
            guard lowered.hasPrefix(key) else { continue }
            let rest = lowered.dropFirst(key.count)
            if rest.isEmpty { return "" }
            if rest.first == "=" || rest.first == ":" { return String(rest.dropFirst()) }
        }
        return nil
    }
}
