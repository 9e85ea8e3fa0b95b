/// A word of a sentence: its matching form and where it sits in the original text, so slots
/// can return what the user typed (with its capitals and punctuation) rather than a lowercased copy.
public struct Token: Hashable, Sendable {
    /// Lowercased, curly apostrophes straightened, surrounding punctuation removed.
    public let word: String
    public let range: Range<String.Index>
}

/// Splits sentences (and template words) into tokens the same way, so a template's "what's"
/// and a user's "What’s" meet as the same two tokens, "what" and "'s".
public enum Tokenizer {
    /// Characters stripped from either end of a chunk: "Diane?" → "diane", "(Bob)" → "bob".
    static let edgePunctuation: Set<Character> = [".", ",", "!", "?", ";", ":", "\"", "(", ")", "[", "]", "“", "”", "…"]

    /// Punctuation after a word that ends a name or a label: "add Mei Lin, neighbor".
    public static let clausePunctuation: Set<Character> = [",", ";", ":"]

    /// Whether the comma or semicolon at `index` separates two words typed without a space after
    /// it ("ok,who did I", "09 months,01 weeks ago"): a letter before it, a letter or digit after.
    /// Between digits it stays inside the word ("1,000").
    static func joinsTwoWords(_ text: String, at index: String.Index) -> Bool {
        guard text[index] == "," || text[index] == ";", index > text.startIndex else { return false }
        let next = text.index(after: index)
        guard next < text.endIndex else { return false }
        return text[text.index(before: index)].isLetter && (text[next].isLetter || text[next].isNumber)
    }

    /// Whether a sentence ends right after the token: a question or exclamation mark, a
    /// semicolon, or a full stop after a word of four letters or more ("St. Cecilia's" and
    /// "D. Smith" go on).
    public static func endsSentence(after token: Token, in text: String) -> Bool {
        let end = token.range.upperBound
        guard end < text.endIndex else { return false }
        switch text[end] {
        case "?", "!", ";": return true
        case ".": return token.word.count > 3
        default: return false
        }
    }

    /// File extensions a path slot knows: contacts, tables, calendars, graphs.
    static let pathExtensions: Set<Substring> = ["csv", "vcf", "vcard", "json", "ics", "dot", "txt", "tsv", "xlsx", "xls"]

    /// Whether a word is written as a file's path: it has a slash or a backslash, or ends in a
    /// known extension after a name ("leads.csv", "~/Desktop/google.csv", "C:\\Users\\x.csv").
    public static func isPath(_ word: String) -> Bool {
        if word.contains("\\") { return word.contains(where: \.isLetter) }
        if word.contains("/"), word.count > 2, word.contains(where: \.isLetter),
           word.hasPrefix("/") || word.hasPrefix("~") || word.hasPrefix(".") { return true }
        guard let dot = word.lastIndex(of: "."), dot > word.startIndex else { return false }
        return pathExtensions.contains(word[word.index(after: dot)...])
    }

    /// Lines longer than this are refused before matching, which bounds the matcher's work.
    public static let maximumLength = 500

    /// Whether a line is too long to match: over `maximumLength` characters, over four times as
    /// many Unicode scalars, or with one character of more than `maximumScalarsPerCharacter`.
    /// One character may carry thousands of combining marks (a 1 MB "é́́́…" took 12 s to refuse
    /// in a debug build), and every comparison of a word normalises its characters whole.
    public static func isTooLong(_ text: String) -> Bool {
        // ASCII (a character is one or two scalars, "\r\n") within the limit: the common case.
        if text.utf8.count <= maximumLength, text.utf8.allSatisfy({ $0 < 0x80 }) { return false }
        return text.unicodeScalars.count > 4 * maximumLength || text.count > maximumLength
            || text.contains { $0.unicodeScalars.count > maximumScalarsPerCharacter }
    }

    /// Unicode's stream-safe text format allows 30 combining marks after a base character; the
    /// longest emoji sequences have 10 scalars.
    public static let maximumScalarsPerCharacter = 32

    public static func tokenize(_ text: String) -> [Token] {
        if let tokens = asciiTokens(text) { return tokens }
        var tokens: [Token] = []
        var index = text.startIndex
        while index < text.endIndex {
            guard !text[index].isWhitespace else {
                index = text.index(after: index)
                continue
            }
            var end = index
            while end < text.endIndex, !text[end].isWhitespace, !(end > index && joinsTwoWords(text, at: end)) {
                end = text.index(after: end)
            }
            appendChunk(text, index..<end, to: &tokens)
            index = end
        }
        return tokens
    }

    private static func appendChunk(_ text: String, _ chunk: Range<String.Index>, to tokens: inout [Token]) {
        var lower = chunk.lowerBound
        var upper = chunk.upperBound
        while lower < upper, edgePunctuation.contains(text[lower]) { lower = text.index(after: lower) }
        while lower < upper, edgePunctuation.contains(text[text.index(before: upper)]) {
            upper = text.index(before: upper)
        }
        guard lower < upper else { return }
        let word = String(text[lower..<upper].lowercased().map { $0 == "’" ? "'" : $0 })
        // Split a possessive or "is" contraction off its word: "diane's" → "diane" "'s".
        if word.count > 2, word.hasSuffix("'s") {
            let apostrophe = text.index(upper, offsetBy: -2)
            tokens.append(Token(word: String(word.dropLast(2)), range: lower..<apostrophe))
            tokens.append(Token(word: "'s", range: apostrophe..<upper))
        } else if word.count > 1, word.hasSuffix("'"), word.dropLast().last == "s" {
            // "the Joneses'" / "James'" possessive.
            let apostrophe = text.index(before: upper)
            tokens.append(Token(word: String(word.dropLast()), range: lower..<apostrophe))
            tokens.append(Token(word: "'s", range: apostrophe..<upper))
        } else {
            tokens.append(Token(word: word, range: lower..<upper))
        }
    }

    /// `tokenize` for ASCII text, byte by byte: the same tokens without breaking the text into
    /// characters. Nil for anything else (or a string without contiguous UTF-8).
    static func asciiTokens(_ text: String) -> [Token]? {
        let utf8 = text.utf8
        return utf8.withContiguousStorageIfAvailable { bytes -> [Token]? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            // Character.isWhitespace, for ASCII: tab, line feed, vertical tab, form feed, return, space.
            func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
            func isLetter(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) }
            func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }
            // `joinsTwoWords`, for ASCII.
            func joinsTwoWords(_ at: Int) -> Bool {
                (bytes[at] == UInt8(ascii: ",") || bytes[at] == UInt8(ascii: ";")) && at > 0 && at + 1 < bytes.count
                    && isLetter(bytes[at - 1]) && (isLetter(bytes[at + 1]) || isDigit(bytes[at + 1]))
            }
            func isEdge(_ byte: UInt8) -> Bool {
                switch byte {
                case UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: ";"),
                     UInt8(ascii: ":"), UInt8(ascii: "\""), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["),
                     UInt8(ascii: "]"):
                    return true
                default:
                    return false
                }
            }
            func index(_ offset: Int) -> String.Index { utf8.index(utf8.startIndex, offsetBy: offset) }
            func word(_ range: Range<Int>) -> String {
                String(unsafeUninitializedCapacity: range.count) { buffer in
                    for (i, byte) in bytes[range].enumerated() {
                        buffer[i] = (0x41...0x5A).contains(byte) ? byte | 0x20 : byte
                    }
                    return range.count
                }
            }
            let apostrophe = UInt8(ascii: "'"), s = UInt8(ascii: "s"), capitalS = UInt8(ascii: "S")
            var tokens: [Token] = []
            var i = 0
            while i < bytes.count {
                guard !isSpace(bytes[i]) else {
                    i += 1
                    continue
                }
                var end = i
                while end < bytes.count, !isSpace(bytes[end]), !(end > i && joinsTwoWords(end)) { end += 1 }
                var lower = i, upper = end
                i = end
                while lower < upper, isEdge(bytes[lower]) { lower += 1 }
                while lower < upper, isEdge(bytes[upper - 1]) { upper -= 1 }
                guard lower < upper else { continue }
                let length = upper - lower
                let last = bytes[upper - 1]
                // Split a possessive or "is" contraction off its word: "diane's" → "diane" "'s".
                if length > 2, last == s || last == capitalS, bytes[upper - 2] == apostrophe {
                    tokens.append(Token(word: word(lower..<(upper - 2)), range: index(lower)..<index(upper - 2)))
                    tokens.append(Token(word: "'s", range: index(upper - 2)..<index(upper)))
                } else if length > 1, last == apostrophe, bytes[upper - 2] == s || bytes[upper - 2] == capitalS {
                    // "the Joneses'" / "James'" possessive.
                    tokens.append(Token(word: word(lower..<(upper - 1)), range: index(lower)..<index(upper - 1)))
                    tokens.append(Token(word: "'s", range: index(upper - 1)..<index(upper)))
                } else {
                    tokens.append(Token(word: word(lower..<upper), range: index(lower)..<index(upper)))
                }
            }
            return tokens
        } ?? nil
    }
}
