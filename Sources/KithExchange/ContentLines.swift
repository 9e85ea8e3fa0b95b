/// Text in the content-line syntax vCard (RFC 6350) and iCalendar (RFC 5545) share: each
/// `NAME;PARAM=x:value` line ends in CRLF, and a line longer than 75 octets is folded — broken
/// with CRLF and a space — never inside a UTF-8 sequence, so every reader gets whole characters.
struct ContentLines {
    private(set) var bytes: [UInt8] = []

    static let maxOctets = 75

    /// Appends one line; `value` must already be escaped (see `escape`).
    mutating func append(_ name: String, _ value: String) {
        let line = Array((name + ":" + value).utf8)
        var start = 0
        var limit = Self.maxOctets
        while line.count - start > limit {
            var end = start + limit
            // Back off to the first byte of a UTF-8 sequence (continuation bytes are 10xxxxxx).
            while end > start, line[end] & 0xC0 == 0x80 { end -= 1 }
            bytes += line[start..<end]
            bytes += [0x0D, 0x0A, 0x20]
            start = end
            limit = Self.maxOctets - 1  // the leading space counts
        }
        bytes += line[start...]
        bytes += [0x0D, 0x0A]
    }

    /// Escapes a TEXT value: backslash, comma and semicolon get a backslash, a line break
    /// becomes `\n`.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "\\": out += "\\\\"
            case ",": out += "\\,"
            case ";": out += "\\;"
            case "\n", "\r\n", "\r": out += "\\n"
            default: out.append(character)
            }
        }
        return out
    }
}
