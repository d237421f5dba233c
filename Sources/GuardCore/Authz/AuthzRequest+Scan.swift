extension AuthzRequest {
    /// The request's `RequestMethod`, found without decoding the whole JSON: most calls are reads,
    /// and they need no more than this to be allowed. Nil when it is not plainly there (then the
    /// whole request is decoded).
    ///
    /// Sound for what the engine sends: Go's encoder escapes every `"` inside a string, so the first
    /// `"RequestMethod":"` in the bytes is that key, and the engine writes it before any field a
    /// user controls the keys of (the headers map).
    public static func scanMethod(_ json: [UInt8]) -> String? {
        let key = Array(#""RequestMethod":""#.utf8)
        guard json.count > key.count else { return nil }
        var index = 0
        let last = json.count - key.count
        while index <= last {
            if json[index] == key[0], json[index..<(index + key.count)].elementsEqual(key) {
                var end = index + key.count
                let start = end
                while end < json.count, json[end] != UInt8(ascii: "\""), end - start < 32 {
                    // A method is a token: an escape or a non-letter means decode it properly.
                    guard (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(json[end]) else { return nil }
                    end += 1
                }
                guard end < json.count, json[end] == UInt8(ascii: "\""), end > start else { return nil }
                return String(decoding: json[start..<end], as: UTF8.self)
            }
            index += 1
        }
        return nil
    }
}
