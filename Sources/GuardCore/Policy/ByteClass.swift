/// The byte sets the grammar checks, tested one byte at a time without closures or nested calls
/// (each of those is a real call per byte in a debug build).
enum ByteClass {
    /// `0-9`
    case digit
    /// `0-9 a-f`
    case lowerHex
    /// `0-9 a-f A-F`
    case hex
    /// `0-9 A-Z a-z _ . -`: tags.
    case tagCharacter
    /// `0-9 A-Z a-z - .`: DNS labels (dots are split off before).
    case hostCharacter
    /// Anything but `A-Z`.
    case notUppercase
    /// `0-9 a-f A-F :`: inside the brackets of an IPv6 registry.
    case ipv6Character
    /// `-`: separator runs in repository paths.
    case dash
    /// What an image pattern may hold: tag characters, `/ : @ [ ]` and the wildcards `* ?`.
    case patternCharacter

    func contains(_ byte: UInt8) -> Bool {
        switch self {
        case .digit:
            byte >= 0x30 && byte <= 0x39
        case .lowerHex:
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x66)
        case .hex:
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x66) || (byte >= 0x41 && byte <= 0x46)
        case .tagCharacter:
            (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A)
                || byte == 0x5F || byte == 0x2E || byte == 0x2D
        case .hostCharacter:
            (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A)
                || byte == 0x2D
        case .ipv6Character:
            (byte >= 0x30 && byte <= 0x3A) || (byte >= 0x61 && byte <= 0x66) || (byte >= 0x41 && byte <= 0x46)
        case .dash:
            byte == 0x2D
        case .notUppercase:
            byte < 0x41 || byte > 0x5A
        case .patternCharacter:
            // Letters, digits, `_`, then `-./`, `:`, `?@`, `*`, `[`, `]`.
            (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x3A) || (byte >= 0x41 && byte <= 0x5B)
                || (byte >= 0x2D && byte <= 0x2F) || byte == 0x5F || byte == 0x3F || byte == 0x40 || byte == 0x2A
                || byte == 0x5D
        }
    }
}

extension ByteSpan {
    /// Whether every byte is in `byteClass` (true when empty).
    func all(_ byteClass: ByteClass) -> Bool {
        var index = start
        while index < end {
            if !byteClass.contains(base[index]) { return false }
            index += 1
        }
        return true
    }
}
