import GuardCore

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
        let scored = keys.map { (key: $0, distance: EditDistance.between(Array(name), Array(spelling($0)))) }
        guard let best = scored.min(by: { $0.distance < $1.distance }) else { return nil }
        // A typo: a couple of edits, and never more than a third of the word.
        return best.distance <= min(2, max(1, spelling(best.key).count / 3)) ? best.key : nil
    }
}
