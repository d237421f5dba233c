/// Reads a whole file: splits lines, checks encoding and control characters, parses each line,
/// and collects every problem rather than stopping at the first.
struct AllowListParser {
    let path: String
    private(set) var rules: [AllowRule] = []
    private(set) var errors: [AllowListError] = []
    private(set) var document = AllowListDocument()

    init(path: String) {
        self.path = path
    }

    mutating func parse(_ buffer: UnsafeBufferPointer<UInt8>) {
        let file = ByteSpan(buffer).base  // an address even for an empty buffer
        let lines = SourceLines.split(buffer)
        var texts: [String] = []
        var endings: [LineEnding] = []
        texts.reserveCapacity(lines.count)
        endings.reserveCapacity(lines.count)
        // One pass over the whole file first: in the usual case no line needs checking on its own.
        // (Not `String(validating:)`: on bad input it throws internally, and a test runner that
        // records a backtrace for every throw makes a file of garbage take seconds.)
        let allValid = SourceLines.firstInvalidUTF8(file, 0..<buffer.count) == nil
        for line in lines {
            let content = UnsafeBufferPointer(start: file + line.range.lowerBound, count: line.range.count)
            endings.append(line.ending)
            if !allValid, let offset = SourceLines.firstInvalidUTF8(file, line.range) {
                report(line, offset, "invalid UTF-8 (byte 0x\(hex(file[offset]))); the file must be UTF-8 text", file)
                // The document of a failed parse is never handed out, and repairing costs a throw.
                texts.append("")
                continue
            }
            texts.append(String(decoding: content, as: UTF8.self))
            var rule = RuleBuilder()
            LineTokenizer.tokenize(file, line.range, into: &rule)
            if let offset = rule.controlCharacter {
                report(line, offset, controlCharacterMessage(file[offset]), file)
                continue
            }
            switch rule.outcome {
            case .nothing:
                break
            case .problems(let problems):
                for problem in problems { report(line, problem.offset, problem.message, file) }
            case .rule(let terms, let keepRunning):
                let content = rule.content ?? line.range
                let ruleText = ByteSpan(base: file, start: content.lowerBound, end: content.upperBound).string
                rules.append(
                    AllowRule(terms: terms, keepRunning: keepRunning, path: path, line: line.number, text: ruleText))
            }
        }
        document = AllowListDocument(lines: texts, endings: endings)
    }

    private mutating func report(_ line: SourceLine, _ offset: Int, _ message: String, _ file: UnsafePointer<UInt8>) {
        let column = SourceLines.column(of: offset, lineStart: line.range.lowerBound, in: file)
        errors.append(AllowListError(path: path, line: line.number, column: column, message: message))
    }

    private func controlCharacterMessage(_ byte: UInt8) -> String {
        if byte == 0 { return "unexpected NUL byte; the file must be text" }
        if byte == 0x0D { return "unexpected carriage return (line endings must be \\n or \\r\\n)" }
        return "unexpected control character U+00\(hex(byte)); only tabs and spaces may separate terms"
    }

    private func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return digits.count == 1 ? "0" + digits : digits
    }
}
