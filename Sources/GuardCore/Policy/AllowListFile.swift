import Glibc

/// Reading and atomically replacing the allow-list file.
public enum AllowListFile {
    /// Writes `text` so that readers see either the old file or the new one, never a mix, and a
    /// crash leaves one of the two on disk: the text goes to a temporary file in the same directory,
    /// is fsynced, renamed over the target, and the directory is fsynced. An existing file's mode
    /// (and, when permitted, owner) carries over; a symbolic link is followed, so the link stays.
    public static func save(_ text: String, to path: String) throws(AllowListFileError) {
        let target = resolvedTarget(path)
        let temporary = temporaryPath(for: target)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .system("cannot create \(temporary)", path: path) }
        do throws(AllowListFileError) {
            defer { close(descriptor) }
            try carryOverOwnership(from: target, to: descriptor, path: path)
            try writeAll(Array(text.utf8), to: descriptor, path: path)
            guard fsync(descriptor) == 0 else { throw AllowListFileError.system("cannot fsync", path: path) }
        } catch {
            unlink(temporary)
            throw error
        }
        guard rename(temporary, target) == 0 else {
            let failure = AllowListFileError.system("cannot rename \(temporary) over it", path: path)
            unlink(temporary)
            throw failure
        }
        try syncDirectory(of: target, path: path)
    }

    /// The file's bytes; refuses files larger than `maxBytes` without reading them whole.
    public static func read(path: String, maxBytes: Int = AllowList.defaultMaxBytes) throws(AllowListFileError)
        -> [UInt8]
    {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .system("cannot open", path: path) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw .system("cannot stat", path: path) }
        guard Int(info.st_size) <= maxBytes else {
            throw .tooLarge(path: path, size: Int(info.st_size), limit: maxBytes)
        }

        // Read one byte past the limit in case the file grew since fstat.
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        while bytes.count <= maxBytes {
            let count = chunk.withUnsafeMutableBytes { readSome(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw .system("cannot read", path: path) }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[..<count])
        }
        throw .tooLarge(path: path, size: bytes.count, limit: maxBytes)
    }

    /// The real file behind a symbolic link, so that saving replaces the file and keeps the link.
    private static func resolvedTarget(_ path: String) -> String {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK, let real = realpath(path, nil) else {
            return path
        }
        defer { free(real) }
        return String(cString: real)
    }

    private static func temporaryPath(for target: String) -> String {
        let (directory, name) = split(target)
        let unique = String(UInt64.random(in: 0...UInt64.max), radix: 36)
        return directory + "/." + name + ".tmp-\(getpid())-" + unique
    }

    private static func split(_ path: String) -> (directory: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let directory = path[..<slash]
        return (directory.isEmpty ? "/" : String(directory), String(path[path.index(after: slash)...]))
    }

    private static func carryOverOwnership(from target: String, to descriptor: Int32, path: String)
        throws(AllowListFileError)
    {
        var info = stat()
        guard stat(target, &info) == 0 else { return }  // a new file keeps 0644 less the umask
        guard fchmod(descriptor, info.st_mode & 0o7777) == 0 else { throw .system("cannot set mode", path: path) }
        // Only root may give a file away; otherwise the file is ours anyway.
        _ = fchown(descriptor, info.st_uid, info.st_gid)
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32, path: String) throws(AllowListFileError) {
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + written, $0.count - written) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { throw .system("cannot write", path: path) }
            written += count
        }
    }

    /// Makes the rename itself durable.
    private static func syncDirectory(of target: String, path: String) throws(AllowListFileError) {
        let descriptor = open(split(target).directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .system("cannot open the directory", path: path) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw .system("cannot fsync the directory", path: path) }
    }
}

/// `read(2)`, named apart from ``AllowListFile/read(path:maxBytes:)``.
private func readSome(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}

/// Why reading or saving the allow-list file failed.
public struct AllowListFileError: Error, Sendable, Hashable, CustomStringConvertible {
    public let path: String
    /// What failed and why, without the path.
    public let message: String
    /// The `errno` value, when a system call failed.
    public let code: Int32?

    static func system(_ what: String, path: String) -> AllowListFileError {
        let code = errno
        return AllowListFileError(path: path, message: "\(what): \(String(cString: strerror(code)))", code: code)
    }

    static func tooLarge(path: String, size: Int, limit: Int) -> AllowListFileError {
        AllowListFileError(path: path, message: tooLargeMessage(size: size, limit: limit), code: nil)
    }

    static func tooLargeMessage(size: Int, limit: Int) -> String {
        "file is \(size) bytes, more than the limit of \(limit) bytes; an allow-list should be small"
    }

    public var description: String { "\(path): \(message)" }
}
