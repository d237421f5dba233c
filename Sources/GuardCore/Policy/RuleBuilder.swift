/// Gathers the words of one line into a rule, with every problem found on the way.
struct RuleBuilder {
    /// What the line amounts to.
    enum Outcome {
        case rule(terms: [RuleTerm], keepRunning: Bool)
        /// A blank or comment-only line.
        case nothing
        /// Byte offsets and messages.
        case problems([(offset: Int, message: String)])
    }

    var problems: [(offset: Int, message: String)] = []
    private(set) var terms: [RuleTerm] = []
    private var firstFlagOffset: Int?
    private var firstLiftOffset: Int?
    /// From the first word's start to the last word's end: the rule without comment or padding.
    var content: Range<Int>?
    /// The first control character on the line, comments included; it makes the rest moot.
    var controlCharacter: Int?

    /// Adds one word whose key and value ranges index into `base`.
    mutating func add(_ token: LineToken, in base: UnsafePointer<UInt8>) {
        let keyBytes = ByteSpan(base: base, start: token.key.lowerBound, end: token.key.upperBound)
        guard let key = RuleKey(keyBytes) else {
            // A likely typo gets the key it meant; anything else, every key there is.
            let hint = RuleKey.nearest(to: keyBytes.string).map { "did you mean '\($0.text)'?" } ?? RuleKey.expected
            let message =
                keyBytes.isEmpty
                ? "missing key before '=' (\(RuleKey.expected))"
                : "unknown key \(quotedForMessage(keyBytes.string)) (\(hint))"
            problems.append((token.offset, message))
            return
        }
        guard let value = token.value else {
            if let term = key.flagTerm {
                firstLiftOffset = firstLiftOffset ?? token.offset
                terms.append(term)
            } else if key.isFlag {
                firstFlagOffset = firstFlagOffset ?? token.offset
            } else {
                problems.append((token.offset, "'\(key.text)' needs a value (expected \(key.text)=VALUE)"))
            }
            return
        }
        if key.isFlag {
            problems.append((token.offset, "'\(key.text)' is a flag and takes no value"))
            return
        }
        if !key.isIdentity { firstLiftOffset = firstLiftOffset ?? token.offset }
        do throws(TermParser.Problem) {
            terms.append(try TermParser.term(key, ByteSpan(base: base, start: value.lowerBound, end: value.upperBound)))
        } catch {
            problems.append((token.valueOffset, error.message))
        }
    }

    var outcome: Outcome {
        if !problems.isEmpty { return .problems(problems) }
        if let firstFlagOffset, terms.isEmpty {
            return .problems([
                (
                    firstFlagOffset,
                    "'keep-running' needs at least one term on its line "
                        + "(name=, image=, image-id=, id= or label=)"
                )
            ])
        }
        if !terms.isEmpty, !terms.contains(where: \.isIdentity) {
            // A rule of lifting terms alone would let every container run so.
            return .problems([
                (
                    firstLiftOffset ?? 0,
                    "a rule needs a term that says which containers it is for (name=, image=, image-id=, id= or "
                        + "label=); '\(terms[0].key)' only lifts a profile limit for the containers it matches"
                )
            ])
        }
        return terms.isEmpty ? .nothing : .rule(terms: terms, keepRunning: firstFlagOffset != nil)
    }
}
