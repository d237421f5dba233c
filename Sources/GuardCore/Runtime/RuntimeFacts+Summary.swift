extension RuntimeFacts {
    /// What sets this container apart from a plain `docker run IMAGE`, in the docker CLI's words
    /// (`privileged`, `network host`, `cap-add SYS_ADMIN`, `mount /srv/data`, `user 1000`, …), for
    /// the dashboard; empty for a plain container.
    public var notable: [String] {
        guard isKnown else { return ["unknown (not read from the engine)"] }
        var facts: [String] = []
        if privileged { facts.append("privileged") }
        for (flag, mode) in [("network", networkMode), ("pid", pidMode), ("ipc", ipcMode), ("uts", utsMode)]
        where mode.lowercased() == "host" {
            facts.append("\(flag) host")
        }
        facts += capAdd.map { "cap-add \($0)" } + capDrop.map { "cap-drop \($0)" }
        facts += devices.map { "device \($0)" } + deviceCgroupRules.map { "device-cgroup-rule \($0)" }
        facts += bindSources.map { "mount \($0)" } + securityOptions.map { "security-opt \($0)" }
        if !user.isEmpty { facts.append("user \(user)") }
        return facts
    }
}
