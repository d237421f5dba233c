/// A shell-style pattern: `*` matches any run of characters (including `/`), `?` exactly one
/// Unicode scalar, everything else itself. There is no escape: a literal `*` or `?` cannot be
/// matched, which is fine for container names, image references and label values.
///
/// Matching never backtracks across stars: the pattern is cut at its stars into segments, the
/// first and last are anchored at the ends, and each middle segment takes its leftmost fit. That is
/// exact for star-only wildcards and costs O(text × pattern) at worst, so `a*a*a*…b` cannot blow up.
/// The pattern is compiled when matching, which keeps parsing a large allow-list cheap.
public struct Glob: Sendable, Hashable, CustomStringConvertible {
    /// The pattern as written.
    public let pattern: String

    /// Every string is a valid pattern.
    public init(_ pattern: String) {
        self.pattern = pattern
        shape = Self.shape(of: pattern)
    }

    /// Whether `pattern` contains `*` or `?`.
    public var hasWildcards: Bool { Glob.containsWildcards(pattern) }

    /// Whether `text` contains a glob meta character (`*` or `?`).
    public static func containsWildcards(_ text: some StringProtocol) -> Bool {
        text.utf8.contains { $0 == .star || $0 == .questionMark }
    }

    /// Whether the whole of `text` matches the pattern.
    public func matches(_ text: some StringProtocol) -> Bool {
        // The common shapes, a literal and `prefix*`, need no compiled pattern: judging a
        // thousand containers for the dashboard's table stays well under a millisecond.
        switch shape {
        case .literal: return text.unicodeScalars.elementsEqual(pattern.unicodeScalars)
        case .prefix: return text.unicodeScalars.starts(with: pattern.unicodeScalars.dropLast())
        case .general: break
        }
        let text = Array(text.unicodeScalars)
        let segments = compiled()
        guard segments.count > 1 else {
            return text.count == segments[0].count && Self.segment(segments[0], fits: text, at: 0)
        }
        let first = segments[0]
        let last = segments[segments.count - 1]
        guard text.count >= first.count + last.count,
            Self.segment(first, fits: text, at: 0),
            Self.segment(last, fits: text, at: text.count - last.count)
        else { return false }

        // Leftmost placement of each middle segment leaves the most room for the ones after it.
        var position = first.count
        let end = text.count - last.count
        for middle in segments.dropFirst().dropLast() where !middle.isEmpty {
            guard let found = Self.firstFit(of: middle, in: text, from: position, before: end) else { return false }
            position = found + middle.count
        }
        return true
    }

    public var description: String { pattern }

    private enum Shape { case literal, prefix, general }

    /// Derived from `pattern`, so equality and hashing are unchanged by it.
    private let shape: Shape

    private static func shape(of pattern: String) -> Shape {
        var wildcards = 0
        var onlyTrailingStar = true
        for (offset, byte) in pattern.utf8.enumerated() where byte == .star || byte == .questionMark {
            wildcards += 1
            if byte == .questionMark || offset != pattern.utf8.count - 1 { onlyTrailingStar = false }
        }
        if wildcards == 0 { return .literal }
        return onlyTrailingStar ? .prefix : .general
    }

    /// The pattern cut at its stars (one segment means no star); `nil` elements stand for `?`.
    private func compiled() -> [[Unicode.Scalar?]] {
        var segments: [[Unicode.Scalar?]] = [[]]
        for scalar in pattern.unicodeScalars {
            switch scalar {
            case "*": segments.append([])
            case "?": segments[segments.count - 1].append(nil)
            default: segments[segments.count - 1].append(scalar)
            }
        }
        return segments
    }

    private static func segment(_ segment: [Unicode.Scalar?], fits text: [Unicode.Scalar], at start: Int) -> Bool {
        var offset = 0
        while offset < segment.count {
            if let expected = segment[offset], text[start + offset] != expected { return false }
            offset += 1
        }
        return true
    }

    /// The first start position at or after `from` where `segment` fits entirely before `end`.
    private static func firstFit(
        of segment: [Unicode.Scalar?], in text: [Unicode.Scalar], from: Int, before end: Int
    ) -> Int? {
        var start = from
        while start + segment.count <= end {
            if Self.segment(segment, fits: text, at: start) { return start }
            start += 1
        }
        return nil
    }
}
