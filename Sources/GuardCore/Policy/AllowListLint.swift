/// Warnings about rules that are valid but do not do what their author likely meant: a rule that
/// can never match (`name=a name=b`), a duplicate, and a rule a broader one makes redundant.
/// Warnings are not errors: the list still applies. Pure, so `check` and the editor share it.
public struct AllowListWarning: Sendable, Hashable, CustomStringConvertible {
    public let path: String
    /// The 1-based line of the rule warned about.
    public let line: Int
    public let message: String

    /// `path:line: warning: message`, as `check` prints it.
    public var description: String { "\(path):\(line): warning: \(message)" }
}

extension AllowList {
    /// Every warning, in line order.
    public var warnings: [AllowListWarning] {
        var warnings: [AllowListWarning] = []
        for (index, rule) in rules.enumerated() {
            let warn = { (message: String) in
                warnings.append(AllowListWarning(path: rule.path, line: rule.line, message: message))
            }
            if let conflict = Self.contradiction(in: rule) {
                warn("this rule can never match: \(conflict)")
                continue
            }
            for earlier in rules[..<index] where Self.contradiction(in: earlier) == nil {
                if Self.covers(earlier, rule), Self.covers(rule, earlier), earlier.keepRunning == rule.keepRunning {
                    warn("duplicate of line \(earlier.line) (\(earlier.text))")
                    break
                }
                if Self.covers(earlier, rule), earlier.keepRunning || !rule.keepRunning {
                    warn("line \(earlier.line) (\(earlier.text)) already allows everything this rule does")
                    break
                }
            }
        }
        return warnings
    }

    /// Two terms of one rule that no container can satisfy together, described; nil when none.
    static func contradiction(in rule: AllowRule) -> String? {
        for (index, a) in rule.terms.enumerated() {
            for b in rule.terms[(index + 1)...] where !compatible(a, b) {
                return "\(a.key)=\(value(a)) and \(b.key)=\(value(b)) cannot both hold"
            }
        }
        return nil
    }

    /// Whether some container could satisfy both terms (false only when that is certain).
    static func compatible(_ a: RuleTerm, _ b: RuleTerm) -> Bool {
        switch (a, b) {
        case (.name(let x), .name(let y)): globsMayOverlap(x, y)
        // An image has several names (tags, digests): two image terms may both hold.
        case (.image, .image): true
        case (.id(let x), .id(let y)), (.imageID(let x), .imageID(let y)): x.hasPrefix(y) || y.hasPrefix(x)
        case (.label(let k1, let v1?), .label(let k2, let v2?)) where k1 == k2: globsMayOverlap(v1, v2)
        default: true
        }
    }

    /// Two literal patterns must be equal; a literal must fit a glob; two globs may always overlap.
    static func globsMayOverlap(_ x: Glob, _ y: Glob) -> Bool {
        switch (x.hasWildcards, y.hasWildcards) {
        case (false, false): x.pattern == y.pattern
        case (false, true): y.matches(x.pattern)
        case (true, false): x.matches(y.pattern)
        case (true, true): true
        }
    }

    /// Whether `broad` matches every container `narrow` matches: each of its terms follows from
    /// one of `narrow`'s.
    /// Terms that lift a profile limit widen how a container may run, so `broad` covers `narrow`
    /// only if it lifts at least what `narrow` lifts.
    static func covers(_ broad: AllowRule, _ narrow: AllowRule) -> Bool {
        broad.terms.filter { !isLift($0) }.allSatisfy { term in narrow.terms.contains { implies($0, term) } }
            && narrow.terms.filter(isLift).allSatisfy(broad.terms.contains)
    }

    /// Whether the term lifts a limit of the security profile rather than says who may run.
    static func isLift(_ term: RuleTerm) -> Bool {
        switch term {
        case .name, .image, .imageID, .id, .label: false
        case .privileged, .hostNamespace, .capability, .device, .mount, .user, .unconfined, .profile: true
        }
    }

    /// Whether every container satisfying `narrow` satisfies `broad`.
    static func implies(_ narrow: RuleTerm, _ broad: RuleTerm) -> Bool {
        if narrow == broad { return true }
        switch (narrow, broad) {
        case (.name(let n), .name(let b)): return !n.hasWildcards && b.matches(n.pattern)
        case (.image(let n), .image(let b)): return !n.glob.hasWildcards && b.glob.matches(n.glob.pattern)
        case (.id(let n), .id(let b)), (.imageID(let n), .imageID(let b)): return n.hasPrefix(b)
        case (.label(let k1, _), .label(let k2, nil)): return k1 == k2
        case (.label(let k1, let n?), .label(let k2, let b?)):
            return k1 == k2 && !n.hasWildcards && b.matches(n.pattern)
        default: return false
        }
    }

    static func value(_ term: RuleTerm) -> String {
        switch term {
        case .name(let glob): glob.pattern
        case .image(let pattern): pattern.source
        case .imageID(let hex), .id(let hex): hex
        case .label(let key, let value): value.map { "\(key)=\($0.pattern)" } ?? key
        case .privileged, .hostNamespace, .capability, .device, .mount, .user, .unconfined, .profile:
            AllowRule.render(term: term)
        }
    }
}
