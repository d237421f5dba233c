/// A command as a shell would take it back: each word quoted only when it must be, so the detail
/// pane's `sh -c 'trap "exit 0" TERM; sleep 1'` can be copied and run.
enum ShellWords {
    static func quote(_ words: [String]) -> String {
        words.map(quote).joined(separator: " ")
    }

    static func quote(_ word: String) -> String {
        guard !word.isEmpty else { return "''" }
        guard word.unicodeScalars.contains(where: { !isSafe($0) }) else { return word }
        // A newline or another control character would not show on one line: bash's and zsh's
        // $'…', which spells them out (`printf %q` does the same).
        if word.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { return ansiC(word) }
        return "'" + word.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
    }

    static func ansiC(_ word: String) -> String {
        var quoted = "$'"
        for scalar in word.unicodeScalars {
            switch scalar {
            case "\n": quoted += "\\n"
            case "\t": quoted += "\\t"
            case "\r": quoted += "\\r"
            case "\\": quoted += "\\\\"
            case "'": quoted += "\\'"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16)
                quoted += "\\x" + (hex.count == 1 ? "0" + hex : hex)
            default: quoted.unicodeScalars.append(scalar)
            }
        }
        return quoted + "'"
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
