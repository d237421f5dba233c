extension RuntimeFacts {
    /// Every limit of `profile` this configuration fails, before any rule lifts one. Plain
    /// containers under baseline fail none, and are answered at once.
    func violations(under profile: SecurityProfile) -> [RuntimeViolation] {
        if profile == .privileged { return [] }
        guard isKnown else { return [.unknownConfiguration] }
        if profile == .baseline, isPlain { return [] }
        var found: [RuntimeViolation] = []
        if privileged { found.append(.privileged) }
        if networkMode.lowercased() == "host" { found.append(.hostNamespace(.network)) }
        if pidMode.lowercased() == "host" { found.append(.hostNamespace(.pid)) }
        if ipcMode.lowercased() == "host" { found.append(.hostNamespace(.ipc)) }
        if utsMode.lowercased() == "host" { found.append(.hostNamespace(.uts)) }
        let allowedCapabilities = profile == .restricted ? ["NET_BIND_SERVICE"] : Capabilities.dockerDefault
        for capability in Capabilities.effective(add: capAdd, drop: capDrop)
        where !allowedCapabilities.contains(capability) {
            found.append(.capability(capability, restricted: Capabilities.dockerDefault.contains(capability)))
        }
        for device in devices { found.append(.device(device)) }
        for rule in deviceCgroupRules { found.append(.deviceCgroupRule(rule)) }
        for key in ["seccomp", "apparmor", "systempaths"] where securityOption(key) == "unconfined" {
            found.append(.unconfined(key))
        }
        // Not `label=disable`: the engine adds it itself to privileged and host-PID/IPC containers.
        for source in bindSources {
            if let path = HostPaths.sensitivePath(exposedBy: source) {
                found.append(.sensitiveMount(source: source, path: path))
            } else if profile == .restricted {
                found.append(.hostMount(source))
            }
        }
        if profile == .restricted {
            if Self.mayBeRoot(user) { found.append(.rootUser(user)) }
            let noNewPrivileges = securityOption("no-new-privileges")
            if noNewPrivileges != "" && noNewPrivileges != "true" { found.append(.newPrivileges) }
        }
        return found
    }

    /// Root, or a user that cannot be told apart from root without the image's `/etc/passwd`:
    /// only a numeric UID other than 0 is surely not root.
    static func mayBeRoot(_ user: String) -> Bool {
        let uid = user.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        guard let number = UInt32(uid) else { return true }
        return number == 0
    }
}
