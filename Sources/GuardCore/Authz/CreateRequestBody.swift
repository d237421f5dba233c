import Foundation

/// What the plugin reads of a `POST /containers/create` body: the image, the labels, and how the
/// container would run. Keys are matched as the engine's decoder matches them (any letter case);
/// a body the guard cannot read as the engine would (two keys that fold alike, a field of the
/// wrong shape) leaves the runtime configuration unknown, which the profile fails closed on.
struct CreateRequestBody {
    var image: String?
    var labels: [String: String]
    var runtime: RuntimeFacts

    static func decode(_ bytes: [UInt8]) -> CreateRequestBody? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else { return nil }
        let top = FoldedObject(object)
        var body = CreateRequestBody(
            image: top.value("Image") as? String, labels: top.value("Labels") as? [String: String] ?? [:],
            runtime: .unknown)
        if !JSONKeyFolding.hasAmbiguousKeys(bytes), let runtime = Self.runtime(top) { body.runtime = runtime }
        return body
    }

    /// The runtime facts of `HostConfig` and `User`; nil when a field has a shape the engine would not take.
    private static func runtime(_ top: FoldedObject) -> RuntimeFacts? {
        guard let user = top.optional("User", as: String.self) else { return nil }
        let hostValue = top.value("HostConfig")
        if hostValue == nil || hostValue is NSNull { return RuntimeFacts(user: user ?? "") }
        guard let hostObject = hostValue as? [String: Any] else { return nil }
        let host = FoldedObject(hostObject)
        guard let privileged = host.optional("Privileged", as: Bool.self),
            let network = host.optional("NetworkMode", as: String.self),
            let pid = host.optional("PidMode", as: String.self),
            let ipc = host.optional("IpcMode", as: String.self),
            let uts = host.optional("UTSMode", as: String.self),
            let capAdd = host.optional("CapAdd", as: [String].self),
            let capDrop = host.optional("CapDrop", as: [String].self),
            let deviceRules = host.optional("DeviceCgroupRules", as: [String].self),
            let binds = host.optional("Binds", as: [String].self),
            let securityOpt = host.optional("SecurityOpt", as: [String].self),
            let devices = host.objects("Devices"), let mounts = host.objects("Mounts")
        else { return nil }
        var devicePaths: [String] = []
        for device in devices {
            guard let path = device.optional("PathOnHost", as: String.self) else { return nil }
            if let path, !path.isEmpty { devicePaths.append(path) }
        }
        var mountSources: [(type: String, source: String)] = []
        for mount in mounts {
            guard let type = mount.optional("Type", as: String.self),
                let source = mount.optional("Source", as: String.self)
            else { return nil }
            mountSources.append((type ?? "", source ?? ""))
        }
        return RuntimeFacts(
            privileged: privileged ?? false, networkMode: network ?? "", pidMode: pid ?? "", ipcMode: ipc ?? "",
            utsMode: uts ?? "", capAdd: capAdd ?? [], capDrop: capDrop ?? [], devices: devicePaths,
            deviceCgroupRules: deviceRules ?? [],
            bindSources: RuntimeFacts.bindSources(binds: binds ?? [], mounts: mountSources),
            securityOptions: securityOpt ?? [], user: user ?? "")
    }
}

/// A JSON object whose keys are looked up as Go's decoder matches them: in any letter case.
private struct FoldedObject {
    let values: [String: Any]

    init(_ object: [String: Any]) {
        var values: [String: Any] = [:]
        for (key, value) in object { values[JSONKeyFolding.folded(key)] = value }
        self.values = values
    }

    func value(_ key: String) -> Any? { values[JSONKeyFolding.folded(key)] }

    /// `.some(nil)` when absent or null, `.some(value)` when of type `T`, nil when of another type.
    func optional<T>(_ key: String, as type: T.Type) -> T?? {
        guard let value = value(key), !(value is NSNull) else { return .some(nil) }
        guard let typed = value as? T else { return nil }
        return .some(typed)
    }

    /// The objects of an array (absent or null: none); nil when it is not an array of objects.
    func objects(_ key: String) -> [FoldedObject]? {
        guard let value = value(key), !(value is NSNull) else { return [] }
        guard let array = value as? [Any] else { return nil }
        var objects: [FoldedObject] = []
        for element in array {
            guard let object = element as? [String: Any] else { return nil }
            objects.append(FoldedObject(object))
        }
        return objects
    }
}

/// `{"Id": "…"}`, the create call's answer that AuthZRes carries.
struct CreateResponseBody: Decodable {
    var id: String

    enum CodingKeys: String, CodingKey { case id = "Id" }

    static func decode(_ bytes: [UInt8]) -> String? {
        (try? JSONDecoder().decode(CreateResponseBody.self, from: Data(bytes)))?.id
    }
}
