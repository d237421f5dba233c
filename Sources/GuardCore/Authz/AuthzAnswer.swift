/// The plugin's answer: `{"Allow": bool, "Msg": "…", "Err": "…"}`. `Msg` is what the user's
/// `docker` command prints when the call is refused.
public struct AuthzAnswer: Sendable, Equatable {
    public var allow: Bool
    public var message: String
    public var error: String

    public init(allow: Bool, message: String = "", error: String = "") {
        self.allow = allow
        self.message = message
        self.error = error
    }

    public static let allowed = AuthzAnswer(allow: true)

    /// The JSON body, written by hand: it is on every API call's path.
    public var json: [UInt8] {
        var out = "{\"Allow\":\(allow ? "true" : "false")"
        if !message.isEmpty { out += ",\"Msg\":" + JSONText.quoted(message) }
        if !error.isEmpty { out += ",\"Err\":" + JSONText.quoted(error) }
        out += "}"
        return Array(out.utf8)
    }
}

enum JSONText {
    /// `text` as a JSON string literal.
    static func quoted(_ text: String) -> String {
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20:
                let hex = String(c.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
