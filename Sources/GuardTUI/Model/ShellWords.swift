/// A command as a shell would take it back: each word quoted only when it must be, so the detail
/// pane's `sh -c 'trap "exit 0" TERM; sleep 1'` can be copied and run.
enum ShellWords {
    static func quote(_ words: [String]) -> String {
        words.map(quote).joined(separator: " ")
    }

    static func quote(_ word: String) -> String {
        guard !word.isEmpty else { return "''" }
        guard word.unicodeScalars.contains(where: { !isSafe($0) }) else { return word }
        return "'" + word.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
    }

    /// Characters no POSIX shell gives a meaning to.
    static func isSafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9": true
        case "_", "@", "%", "+", "=", ":", ",", ".", "/", "-": true
        default: false
        }
    }
}
