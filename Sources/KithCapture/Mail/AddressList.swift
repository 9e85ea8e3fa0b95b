/// RFC 5322 address lists (`From`, `To`, `Cc`, `Bcc`), with the obsolete and merely common forms
/// real mail has:
///
/// - `Sam Lee <sam@lee.dev>`, `"Lee, Sam" <sam@lee.dev>`, `<sam@lee.dev>`, `sam@lee.dev`;
/// - `sam@lee.dev (Sam Lee)` — the name in a comment, as old clients write it; comments are
///   otherwise dropped, nested ones too;
/// - groups: `Team: a@x.org, b@y.org;` gives its members, `undisclosed-recipients:;` nobody;
/// - routes `<@relay.example:sam@lee.dev>`, white space around dots and `@` (`sam . lee @ x.org`);
/// - RFC 2047 encoded words in names (also inside quotes, where clients put them against the RFC);
/// - a bare `Sam Lee sam@lee.dev`, with the address as the one word holding an `@`.
///
/// A mailbox without a usable address is left out: mail is matched by address.
enum AddressList {
    static func parse(_ bytes: some Collection<UInt8>) -> [Participant] {
        var parser = Parser(Array(bytes))
        return parser.run()
    }

    private struct Word {
        var bytes: [UInt8]
        var quoted: Bool
    }

    private struct Parser {
        let bytes: [UInt8]
        var i = 0
        var words: [Word] = []
        var angle: [UInt8]?
        var comments: [[UInt8]] = []
        var out: [Participant] = []

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        mutating func run() -> [Participant] {
            while i < bytes.count {
                let byte = bytes[i]
                switch byte {
                case 0x20, 0x09, 0x0D, 0x0A:
                    i += 1
                case 0x28:  // (
                    comments.append(comment())
                case 0x22:  // "
                    words.append(Word(bytes: quoted(), quoted: true))
                case 0x3C:  // <
                    angle = angleAddress()
                case 0x2C:  // ,
                    finishMailbox()
                    i += 1
                case 0x3A:  // : a group's name ends
                    words.removeAll()
                    comments.removeAll()
                    i += 1
                case 0x3B:  // ; a group ends
                    finishMailbox()
                    i += 1
                default:
                    words.append(Word(bytes: atom(), quoted: false))
                }
            }
            finishMailbox()
            return out
        }

        /// A run of bytes up to white space or a special character (`.` and `@` included in it).
        mutating func atom() -> [UInt8] {
            let start = i
            while i < bytes.count {
                switch bytes[i] {
                case 0x20, 0x09, 0x0D, 0x0A, 0x28, 0x22, 0x3C, 0x2C, 0x3A, 0x3B: return Array(bytes[start..<i])
                case 0x3E: i += 1  // a stray ">" is dropped from the atom
                    return Array(bytes[start..<(i - 1)])
                default: i += 1
                }
            }
            return Array(bytes[start..<i])
        }

        /// The content of a quoted string, its escapes undone; an unclosed one runs to the end.
        mutating func quoted() -> [UInt8] {
            var out: [UInt8] = []
            i += 1
            while i < bytes.count {
                let byte = bytes[i]
                if byte == 0x22 { i += 1; break }
                if byte == 0x5C, i + 1 < bytes.count { out.append(bytes[i + 1]); i += 2; continue }
                out.append(byte)
                i += 1
            }
            return out
        }

        /// The content of a comment, nested ones included, escapes undone.
        mutating func comment() -> [UInt8] {
            var out: [UInt8] = []
            var depth = 0
            while i < bytes.count {
                let byte = bytes[i]
                if byte == 0x5C, i + 1 < bytes.count { out.append(bytes[i + 1]); i += 2; continue }
                if byte == 0x28 { depth += 1; if depth > 1 { out.append(byte) } }
                else if byte == 0x29 { depth -= 1; if depth == 0 { i += 1; break }; out.append(byte) }
                else { out.append(byte) }
                i += 1
            }
            return out
        }

        /// The address inside `<…>`, without white space, comments, quotes around the local part
        /// (kept inside it) or a route.
        mutating func angleAddress() -> [UInt8] {
            var out: [UInt8] = []
            i += 1
            while i < bytes.count {
                let byte = bytes[i]
                if byte == 0x3E { i += 1; break }
                switch byte {
                case 0x20, 0x09, 0x0D, 0x0A: i += 1
                case 0x28: _ = comment()
                case 0x22: out += quoted()
                default: out.append(byte); i += 1
                }
            }
            if let colon = out.lastIndex(of: 0x3A), out.first == 0x40 { out.removeSubrange(...colon) }  // @route:
            return out
        }

        mutating func finishMailbox() {
            defer {
                words.removeAll()
                angle = nil
                comments.removeAll()
            }
            var address: [UInt8]?
            var nameWords = words
            if let angle {
                address = angle
            } else if !words.isEmpty {
                // A word holding an "@" with text on both sides is the address, unless the words
                // are one address spread out by obsolete white space (`jdoe@test . example`).
                let spread = words.contains { word in
                    !word.quoted && [0x2E, 0x40].contains(where: { word.bytes.first == $0 || word.bytes.last == $0 })
                }
                if !spread, let index = words.firstIndex(where: { !$0.quoted && hasInnerAt($0.bytes) }) {
                    address = words[index].bytes
                    nameWords.remove(at: index)
                } else {
                    address = words.flatMap(\.bytes)
                    nameWords = []
                }
            }
            guard let address, let email = address.withUnsafeBufferPointer(Participant.normalize(email:)) else { return }
            var name: String?
            if !nameWords.isEmpty {
                var phrase: [UInt8] = []
                for (k, word) in nameWords.enumerated() {
                    if k > 0 { phrase.append(0x20) }
                    phrase += word.bytes
                }
                name = EncodedWords.decode(phrase)
            } else if let comment = comments.first(where: { !$0.isEmpty }) {
                name = EncodedWords.decode(comment)
            }
            out.append(Participant(name: name.flatMap { MailNames.clean($0, email: email) }, email: email))
        }

        func hasInnerAt(_ word: [UInt8]) -> Bool {
            guard let at = word.firstIndex(of: 0x40) else { return false }
            return at > 0 && at < word.count - 1
        }
    }
}

/// Display names as people see them.
enum MailNames {
    /// Without quotes around it (`'Sam Lee'`, as Outlook writes) and nil when it is empty or only
    /// repeats the address.
    static func clean(_ name: String, email: String) -> String? {
        // Most names have no quotes around them and are not the address.
        if let first = name.utf8.first, let last = name.utf8.last, first != 0x22, first != 0x27, last != 0x22, last != 0x27,
           name.utf8.count != email.utf8.count {
            return name
        }
        var text = Substring(name).trimmingWhitespace
        while text.count >= 2, let first = text.first, let last = text.last,
              (first == "'" && last == "'") || (first == "\"" && last == "\"") {
            text = text.dropFirst().dropLast().trimmingWhitespace
        }
        if text.isEmpty || text.lowercased() == email { return nil }
        return String(text)
    }
}
