import Foundation
import GuardCore

/// What `dockerguard check` found, printed as text or, with `--format json`, as one JSON object.
struct CheckReport: Encodable {
    /// The exit status when the list is valid but running containers violate it (`check --engine`):
    /// distinct from 1 (an invalid list or an unreachable engine) so that CI can gate on it.
    static let violationsExitStatus: Int32 = 3

    struct ListResult: Encodable {
        var path: String
        var valid: Bool
        var rules: Int?
        var errors: [ListError]
        /// The security profile the list is judged under.
        var profile: String
        /// Rules that cannot match, duplicates, rules a broader one makes redundant (`path:line:
        /// warning: …`): the list still applies.
        var warnings: [String] = []

        func encode(to encoder: any Encoder) throws {
            var keys = encoder.container(keyedBy: CodingKeys.self)
            try keys.encode(path, forKey: .path)
            try keys.encode(valid, forKey: .valid)
            try keys.encode(rules, forKey: .rules)  // null, not absent, for an invalid list
            try keys.encode(errors, forKey: .errors)
            try keys.encode(profile, forKey: .profile)
            try keys.encode(warnings, forKey: .warnings)
        }
        enum CodingKeys: String, CodingKey { case path, valid, rules, errors, profile, warnings }
    }

    struct ListError: Encodable {
        var line: Int
        var column: Int
        var message: String
        var text: String
    }

    struct Container: Encodable {
        var id: String
        var name: String
        var image: String
        /// `allowed`, `violating` or `self`.
        var verdict: String
        /// The `path:line` of the rule that allows it, if one does.
        var rule: String?
        var reason: String

        func encode(to encoder: any Encoder) throws {
            var keys = encoder.container(keyedBy: CodingKeys.self)
            try keys.encode(id, forKey: .id)
            try keys.encode(name, forKey: .name)
            try keys.encode(image, forKey: .image)
            try keys.encode(verdict, forKey: .verdict)
            try keys.encode(rule, forKey: .rule)  // null when no rule allows it
            try keys.encode(reason, forKey: .reason)
        }
        enum CodingKeys: String, CodingKey { case id, name, image, verdict, rule, reason }
    }

    struct EngineResult: Encodable {
        var endpoint: String
        var mode: String
        var action: String
        var running: Int
        var violating: Int
        /// What the guard would do about the violating ones in that mode.
        var consequence: String
        var containers: [Container]
    }

    var allowlist: ListResult
    /// Nil (null) without `--engine`.
    var engine: EngineResult?

    func encode(to encoder: any Encoder) throws {
        var keys = encoder.container(keyedBy: CodingKeys.self)
        try keys.encode(allowlist, forKey: .allowlist)
        try keys.encode(engine, forKey: .engine)
    }
    enum CodingKeys: String, CodingKey { case allowlist, engine }

    /// 0 when all is well, 1 for an invalid list, ``violationsExitStatus`` when something violates it.
    var exitStatus: Int32 {
        if !allowlist.valid { return 1 }
        if let engine, engine.violating > 0 { return Self.violationsExitStatus }
        return 0
    }

    static func listResult(path: String, _ result: Result<AllowList, AllowListErrors>, profile: String) -> ListResult {
        switch result {
        case .success(let list):
            return ListResult(
                path: path, valid: true, rules: list.rules.count, errors: [], profile: profile,
                warnings: list.warnings.map(\.description))
        case .failure(let errors):
            let items = errors.errors.map {
                ListError(line: $0.line, column: $0.column, message: $0.message, text: $0.description)
            }
            return ListResult(path: path, valid: false, rules: nil, errors: items, profile: profile)
        }
    }

    static func consequence(mode: EnforcementMode, action: EnforcementAction) -> String {
        switch mode {
        case .audit: "mode audit: they would be recorded only"
        case .confirm: "mode confirm: they would wait for an operator"
        case .enforce: "mode enforce: action \(action.rawValue) on each"
        }
    }

    /// The human report: the list's verdict, then one line per running container and a summary.
    var text: String {
        var lines: [String] = []
        if allowlist.valid {
            let count = allowlist.rules ?? 0
            lines.append(
                "\(allowlist.path): \(count) rule\(count == 1 ? "" : "s"), valid; profile \(allowlist.profile)")
        } else {
            lines += allowlist.errors.map(\.text)
        }
        if let engine {
            lines += engine.containers.map(Self.textLine)
            lines.append("\(engine.running) running, \(engine.violating) violating; \(engine.consequence)")
        }
        return lines.joined(separator: "\n")
    }

    static func textLine(_ container: Container) -> String {
        let mark =
            switch container.verdict {
            case "self": "self     "
            case "allowed": "allowed  "
            default: "VIOLATING"
            }
        return "\(mark)  \(container.name)  \(container.image)  \(container.reason)"
    }

    /// The JSON report: sorted keys, absent values as null, one object.
    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
