/// One whitespace-separated word of a rule line.
struct LineToken {
    /// Byte offset of the word's first byte in the file.
    let offset: Int
    /// Byte offset just after the first unquoted `=` (where the value starts), if there is one.
    let valueOffset: Int
    /// Everything before the first unquoted `=`, or the whole word when there is none.
    let key: Range<Int>
    /// Everything after that `=`; nil for a bare word such as `keep-running`.
    let value: Range<Int>?
    /// The word with its quotes resolved, when it had any: `key` and `value` then index into this
    /// rather than into the file.
    let unquoted: [UInt8]?
}

/// Cuts a line into words. Spaces and tabs separate words; a word starting with `#` starts a
/// comment; `"…"` anywhere in a word groups spaces, tabs and `#` into it, with `\"` and `\\` as escapes
/// (any other backslash stays as written). Quotes never change what `*` and `?` mean.
enum LineTokenizer {
    /// Hands each word of `range` to `rule` as it is cut; no list of words is built, which keeps a
    /// large file cheap. Byte values are written out because named constants cost a call per use in
    /// debug builds, and this loop sees every byte of the file.
    static func tokenize(_ base: UnsafePointer<UInt8>, _ range: Range<Int>, into rule: inout RuleBuilder) {
        var index = range.lowerBound
        let end = range.upperBound
        while index < end {
            let byte = base[index]
            if byte == 0x20 || byte == 0x09 {
                index += 1
                continue
            }  // space, tab
            if byte == 0x23 {  // `#`: the rest is a comment, where only control characters matter
                rule.controlCharacter = firstControlCharacter(base, index, end)
                return
            }
            let start = index
            var equalsAt = -1
            var hasQuote = false
            var inQuotes = false
            while index < end {
                let byte = base[index]
                // Most bytes are ordinary: everything that matters here is at or below `=` (0x3D),
                // except backslash (inside quotes) and DEL.
                if byte > 0x3D && byte != 0x5C && byte != 0x7F {
                    index += 1
                    continue
                }
                if (byte < 0x20 && byte != 0x09) || byte == 0x7F {
                    rule.controlCharacter = index
                    return
                }
                if inQuotes {
                    // `\"` and `\\` are escapes; the quote they hold does not close anything.
                    if byte == 0x5C && index + 1 < end && (base[index + 1] == 0x22 || base[index + 1] == 0x5C) {
                        index += 2
                        continue
                    }
                    if byte == 0x22 { inQuotes = false }
                } else if byte == 0x20 || byte == 0x09 {
                    break
                } else if byte == 0x22 {  // `"`
                    inQuotes = true
                    hasQuote = true
                } else if byte == 0x3D && equalsAt < 0 {  // `=`
                    equalsAt = index
                }
                index += 1
            }
            if hasQuote {
                addUnquoted(base, start..<index, to: &rule)
            } else {
                let keyEnd = equalsAt < 0 ? index : equalsAt
                rule.add(
                    LineToken(
                        offset: start, valueOffset: keyEnd + 1, key: start..<keyEnd,
                        value: equalsAt < 0 ? nil : (equalsAt + 1)..<index, unquoted: nil), in: base)
            }
            rule.content = (rule.content?.lowerBound ?? start)..<index
        }
    }

    private static func firstControlCharacter(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
        var index = start
        while index < end {
            let byte = base[index]
            if (byte < 0x20 && byte != 0x09) || byte == 0x7F { return index }
            index += 1
        }
        return nil
    }

    /// Resolves the quotes of a word and adds it, or reports the quote left open.
    private static func addUnquoted(_ base: UnsafePointer<UInt8>, _ word: Range<Int>, to rule: inout RuleBuilder) {
        var unquoted: [UInt8] = []
        var equalsAt: (unquoted: Int, offset: Int)?
        var openQuote: Int?
        var index = word.lowerBound
        while index < word.upperBound {
            let byte = base[index]
            if openQuote != nil {
                if byte == .quote {
                    openQuote = nil
                } else if byte == .backslash, index + 1 < word.upperBound,
                    base[index + 1] == .quote || base[index + 1] == .backslash
                {
                    unquoted.append(base[index + 1])
                    index += 1
                } else {
                    unquoted.append(byte)
                }
            } else if byte == .quote {
                openQuote = index
            } else {
                if byte == .equals && equalsAt == nil { equalsAt = (unquoted.count, index) }
                unquoted.append(byte)
            }
            index += 1
        }
        if let openQuote {
            rule.problems.append((openQuote, "unterminated quote (expected a closing '\"' on the same line)"))
            return
        }
        let token = LineToken(
            offset: word.lowerBound,
            valueOffset: equalsAt.map { $0.offset + 1 } ?? word.upperBound,
            key: 0..<(equalsAt?.unquoted ?? unquoted.count),
            value: equalsAt.map { ($0.unquoted + 1)..<unquoted.count },
            unquoted: unquoted)
        unquoted.withUnsafeBufferPointer { rule.add(token, in: ByteSpan($0).base) }
    }
}
