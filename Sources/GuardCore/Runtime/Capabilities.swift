/// Linux capability names as Docker spells them in `--cap-add` (without `CAP_`).
public enum Capabilities {
    /// What Docker grants a container by default (moby's `oci/caps` defaults).
    static let dockerDefault: Set<String> = [
        "CHOWN", "DAC_OVERRIDE", "FSETID", "FOWNER", "MKNOD", "NET_RAW", "SETGID", "SETUID", "SETFCAP", "SETPCAP",
        "NET_BIND_SERVICE", "SYS_CHROOT", "KILL", "AUDIT_WRITE",
    ]

    /// Every capability the kernel knows (Linux 5.9+), in the kernel's order.
    public static let known = [
        "CHOWN", "DAC_OVERRIDE", "DAC_READ_SEARCH", "FOWNER", "FSETID", "KILL", "SETGID", "SETUID", "SETPCAP",
        "LINUX_IMMUTABLE", "NET_BIND_SERVICE", "NET_BROADCAST", "NET_ADMIN", "NET_RAW", "IPC_LOCK", "IPC_OWNER",
        "SYS_MODULE", "SYS_RAWIO", "SYS_CHROOT", "SYS_PTRACE", "SYS_PACCT", "SYS_ADMIN", "SYS_BOOT", "SYS_NICE",
        "SYS_RESOURCE", "SYS_TIME", "SYS_TTY_CONFIG", "MKNOD", "LEASE", "AUDIT_WRITE", "AUDIT_CONTROL", "SETFCAP",
        "MAC_OVERRIDE", "MAC_ADMIN", "SYSLOG", "WAKE_ALARM", "BLOCK_SUSPEND", "AUDIT_READ", "PERFMON", "BPF",
        "CHECKPOINT_RESTORE",
    ]
    private static let knownSet = Set(known)

    /// `cap_sys_admin`, `CAP_SYS_ADMIN` and `SYS_ADMIN` are one capability, as the engine reads them.
    static func normalized(_ name: String) -> String {
        let upper = name.uppercased()
        return upper.hasPrefix("CAP_") ? String(upper.dropFirst(4)) : upper
    }

    static func isKnown(_ normalizedName: String) -> Bool {
        normalizedName == "ALL" || knownSet.contains(normalizedName)
    }

    /// The capabilities a container ends up with, as moby's `TweakCapabilities` works them out:
    /// `--cap-add ALL` gives all but the dropped, `--cap-drop ALL` only the added, else the defaults
    /// minus the dropped plus the added.
    static func effective(add: [String], drop: [String]) -> [String] {
        if add.contains("ALL") { return known.filter { !drop.contains($0) } }
        if drop.contains("ALL") { return add }
        return known.filter { dockerDefault.contains($0) && !drop.contains($0) }
            + add.filter {
                !dockerDefault.contains($0)
            }
    }

    /// The known name nearest a misspelt one (`NET_ADIMN` → `NET_ADMIN`), if one is close enough.
    static func nearest(to name: String) -> String? {
        let scored = (known + ["ALL"]).map { (name: $0, distance: EditDistance.between(name, $0)) }
        guard let best = scored.min(by: { $0.distance < $1.distance }) else { return nil }
        return best.distance <= max(2, best.name.count / 3) ? best.name : nil
    }
}
