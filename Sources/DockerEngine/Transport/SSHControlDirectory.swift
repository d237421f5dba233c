import Glibc

/// Where ssh's multiplexing sockets go: `$XDG_RUNTIME_DIR/dockerguard-ssh-UID`, or
/// `/tmp/dockerguard-ssh-UID` when there is no runtime folder or it is too long for a socket.
enum SSHControlDirectory {
    /// A Unix socket address holds 107 bytes and a NUL (sun_path). ssh's ControlPath `%C` is 40 hex
    /// digits, and ssh first binds the master's socket under a temporary name 17 bytes longer.
    static let socketPathLimit = 107
    static let socketNameLength = 1 + 40 + 17

    /// The folder for `runtimeDirectory` (the environment's `XDG_RUNTIME_DIR`) and `uid`.
    static func path(runtimeDirectory: String?, uid: uid_t) -> String {
        let name = "dockerguard-ssh-\(uid)"
        if let base = runtimeDirectory, !base.isEmpty {
            let candidate = "\(base)/\(name)"
            if candidate.utf8.count + socketNameLength <= socketPathLimit { return candidate }
        }
        return "/tmp/\(name)"
    }

    /// Makes `path` (0700) and checks it is this user's own folder, as ssh needs of a ControlPath
    /// folder others must not write to; in a shared `/tmp` a folder someone else made (or a symlink)
    /// is not used: a fresh private one is made instead.
    static func prepare(_ path: String) -> String {
        mkdir(path, 0o700)
        if isPrivate(path) { return path }
        var template = Array("/tmp/dockerguard-ssh-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { return path }
        return String(cString: made)
    }

    static func isPrivate(_ path: String) -> Bool {
        var info = stat()
        guard lstat(path, &info) == 0 else { return false }
        return (info.st_mode & S_IFMT) == S_IFDIR && info.st_uid == getuid() && (info.st_mode & 0o077) == 0
    }
}
