/// The byte-level rules of image references, kept apart from the parsing so each reads alone.
enum ImageGrammar {
    /// `sha256:` + 64, `sha384:` + 96 or `sha512:` + 128 lowercase hex digits: the algorithms the
    /// engine verifies.
    static func isDigest(_ text: ByteSpan) -> Bool {
        let hexLength: Int
        if text.hasPrefix("sha256:") {
            hexLength = 64
        } else if text.hasPrefix("sha384:") {
            hexLength = 96
        } else if text.hasPrefix("sha512:") {
            hexLength = 128
        } else {
            return false
        }
        let hex = text.dropFirst(7)
        return hex.count == hexLength && hex.all(.lowerHex)
    }

    /// `[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}`
    static func isTag(_ text: ByteSpan) -> Bool {
        guard let first = text.first, text.count <= 128, first != .dot, first != .dash else { return false }
        return text.all(.tagCharacter)
    }

    /// `host[:port]`, where host is dot-separated DNS labels or a bracketed IPv6 address.
    static func isRegistry(_ text: ByteSpan) -> Bool {
        var host = text
        if let colon = text.lastIndex(of: .colon), !text.suffix(after: colon).contains(.rightBracket) {
            let port = text.suffix(after: colon)
            guard !port.isEmpty, port.all(.digit) else { return false }
            host = text.prefix(upTo: colon)
        }
        if host.first == .leftBracket {
            return host.count > 2 && host.last == .rightBracket
                && host.slice(host.start + 1, host.end - 1).all(.ipv6Character)
        }
        var labelStart = host.start
        while true {
            let labelEnd = host.slice(labelStart, host.end).firstIndex(of: .dot) ?? host.end
            guard isDNSLabel(host.slice(labelStart, labelEnd)) else { return false }
            if labelEnd == host.end { return true }
            labelStart = labelEnd + 1
        }
    }

    /// Nil when `path` is valid: `/`-separated components of `[a-z0-9]+` joined by `.`, `_`, `__`
    /// or runs of `-`. Otherwise says what is wrong.
    static func repositoryProblem(_ path: ByteSpan) -> String? {
        if !path.all(.notUppercase) { return "repository name must be lowercase" }
        var componentStart = path.start
        while true {
            let componentEnd = path.slice(componentStart, path.end).firstIndex(of: .slash) ?? path.end
            let component = path.slice(componentStart, componentEnd)
            if !isPathComponent(component) {
                return "path component '\(component.string)' must be lowercase letters and digits, "
                    + "separated by '.', '_', '__' or '-'"
            }
            if componentEnd == path.end { return nil }
            componentStart = componentEnd + 1
        }
    }

    static func isFullHexID(_ text: ByteSpan) -> Bool {
        text.count == 64 && text.all(.lowerHex)
    }

    private static func isPathComponent(_ component: ByteSpan) -> Bool {
        guard let first = component.first, let last = component.last, isLowerAlnum(first), isLowerAlnum(last) else {
            return false
        }
        var index = component.start
        while index < component.end {
            if isLowerAlnum(component.base[index]) {
                index += 1
                continue
            }
            // A separator: `.`, `_`, `__`, or any run of `-`; it always sits between alphanumerics here.
            let separatorStart = index
            while index < component.end, !isLowerAlnum(component.base[index]) { index += 1 }
            let separator = component.slice(separatorStart, index)
            let valid = separator.equals(".") || separator.equals("_") || separator.equals("__") || separator.all(.dash)
            if !valid { return false }
        }
        return true
    }

    private static func isDNSLabel(_ label: ByteSpan) -> Bool {
        guard let first = label.first, let last = label.last, first != .dash, last != .dash else { return false }
        return label.all(.hostCharacter)
    }

    static func isLowerAlnum(_ byte: UInt8) -> Bool { (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) }
}
