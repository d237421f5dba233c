extension SettingKey {
    /// The key most like a misspelt one (`mdoe` → `mode`), if any is close enough to be a typo.
    static func closest(to name: String) -> SettingKey? {
        closest(to: name.lowercased(), among: allCases, spelling: \.rawValue)
    }

    /// The key whose environment variable is most like a misspelt one (`DOCKERGUARD_MDOE` → `mode`).
    static func closest(toEnvironmentName name: String) -> SettingKey? {
        closest(to: name.uppercased(), among: allCases, spelling: \.environmentName)
    }

    /// All keys, sorted and comma-separated, for messages.
    static var knownList: String { allCases.sorted().map(\.rawValue).joined(separator: ", ") }

    private static func closest(
        to name: String, among keys: [SettingKey], spelling: (SettingKey) -> String
    ) -> SettingKey? {
        let scored = keys.map { (key: $0, distance: editDistance(Array(name), Array(spelling($0)))) }
        guard let best = scored.min(by: { $0.distance < $1.distance }) else { return nil }
        // A typo: a couple of edits, and never more than a third of the word.
        return best.distance <= min(2, max(1, spelling(best.key).count / 3)) ? best.key : nil
    }

    /// Levenshtein distance, with a swap of two neighbours counted as one edit.
    private static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var best = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    best = min(best, table[i - 2][j - 2] + 1)
                }
                table[i][j] = best
            }
        }
        return table[a.count][b.count]
    }
}
