/// Finds positions in a JSON document, which Foundation's `JSONDecoder` does not report: it says
/// only "The given data was not valid JSON", with no offset, and gives no offset for a value
/// of the wrong type either. This walker builds no values and runs only after a decode failed.
///
/// It accepts what Foundation accepts (a leading byte order mark, a trailing comma before `]`
/// or `}`), so the problem it finds is the one that stopped the decoder.
enum JSONLocator {
    /// One step of a coding path: an object key or an array index.
    enum PathComponent: Equatable {
        case key(String)
        case index(Int)
    }

    /// The first thing wrong with a document: where, and what.
    struct Problem {
        var offset: Int
        var message: String
        /// The value at fault, for well-formed JSON that kith cannot take (a fraction); nil for
        /// a syntax error.
        var path: [PathComponent]?
    }

    /// What a value is, in the words of "found a string".
    enum ValueKind: String {
        case object = "an object", array = "an array", string = "a string", number = "a number"
        case boolean = "a boolean", null = "null"
    }

    /// The first syntax error, or the first number that is not an integer in `Int`'s range.
    ///
    /// Kith stores hold no fractions, and Foundation reports `1.5` where an `Int` belongs as
    /// invalid JSON with an empty coding path, so such a number counts as a problem here.
    static func firstProblem(in bytes: [UInt8]) -> Problem? {
        var walker = Walker(bytes: bytes, target: nil)
        do {
            try walker.document()
            return nil
        } catch {
            guard case .problem(let problem) = error else { return nil }
            return problem
        }
    }

    /// Where the value at `path` starts, and what it is.
    static func value(at path: [PathComponent], in bytes: [UInt8]) -> (offset: Int, kind: ValueKind)? {
        var walker = Walker(bytes: bytes, target: path)
        do {
            try walker.document()
            return nil
        } catch {
            guard case .found(let offset, let kind) = error else { return nil }
            return (offset, kind)
        }
    }

    /// `people[3].birthday`.
    static func describe(_ path: [PathComponent]) -> String {
        var text = ""
        for component in path {
            switch component {
            case .key(let key): text += text.isEmpty ? key : ".\(key)"
            case .index(let index): text += "[\(index)]"
            }
        }
        return text
    }
}

/// A recursive-descent pass over the bytes that stops (by throwing) at the first problem or at
/// the target value.
private struct Walker {
    enum Stop: Error {
        case problem(JSONLocator.Problem)
        case found(Int, JSONLocator.ValueKind)
    }

    /// Foundation refuses deeper documents too; the limit also keeps this recursion off the
    /// end of the stack.
    static let maxDepth = 512

    /// The byte each one-letter escape stands for: `\n` is a line feed.
    static let simpleEscapes: [UInt8: UInt8] = [
        UInt8(ascii: "\""): 0x22, UInt8(ascii: "\\"): 0x5C, UInt8(ascii: "/"): 0x2F, UInt8(ascii: "b"): 0x08,
        UInt8(ascii: "f"): 0x0C, UInt8(ascii: "n"): 0x0A, UInt8(ascii: "r"): 0x0D, UInt8(ascii: "t"): 0x09,
    ]

    let bytes: [UInt8]
    let target: [JSONLocator.PathComponent]?
    var pos = 0
    var path: [JSONLocator.PathComponent] = []

    init(bytes: [UInt8], target: [JSONLocator.PathComponent]?) {
        self.bytes = bytes
        self.target = target
    }

    mutating func document() throws(Stop) {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { pos = 3 }
        try value(depth: 0)
        skipWhitespace()
        if pos < bytes.count { throw problem("unexpected \(describeByte(at: pos)) after the end of the document") }
    }

    private mutating func value(depth: Int) throws(Stop) {
        skipWhitespace()
        guard pos < bytes.count else { throw problem("unexpected end of file (expected a value)") }
        if let target, path == target { throw Stop.found(pos, kind(of: bytes[pos])) }
        guard depth < Walker.maxDepth else { throw problem("arrays and objects nested too deeply") }
        switch bytes[pos] {
        case UInt8(ascii: "{"): try object(depth: depth)
        case UInt8(ascii: "["): try array(depth: depth)
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        default: throw unexpected(expecting: "a value")
        }
    }

    private mutating func object(depth: Int) throws(Stop) {
        pos += 1
        skipWhitespace()
        if peek(is: "}") { pos += 1; return }
        while true {
            skipWhitespace()
            guard peek(is: "\"") else { throw unexpected(expecting: "a string key") }
            let key = try string()
            skipWhitespace()
            guard peek(is: ":") else { throw unexpected(expecting: "':'") }
            pos += 1
            path.append(.key(key))
            try value(depth: depth + 1)
            path.removeLast()
            skipWhitespace()
            if peek(is: "}") { pos += 1; return }
            guard peek(is: ",") else { throw unexpected(expecting: "',' or '}'") }
            pos += 1
            skipWhitespace()
            if peek(is: "}") { pos += 1; return }
        }
    }

    private mutating func array(depth: Int) throws(Stop) {
        pos += 1
        skipWhitespace()
        if peek(is: "]") { pos += 1; return }
        var index = 0
        while true {
            path.append(.index(index))
            try value(depth: depth + 1)
            path.removeLast()
            skipWhitespace()
            if peek(is: "]") { pos += 1; return }
            guard peek(is: ",") else { throw unexpected(expecting: "',' or ']'") }
            pos += 1
            index += 1
            skipWhitespace()
            if peek(is: "]") { pos += 1; return }
        }
    }

    /// Reads a string starting at its opening quote and returns its decoded text.
    private mutating func string() throws(Stop) -> String {
        let start = pos
        pos += 1
        var text: [UInt8] = []
        while true {
            guard pos < bytes.count else { throw problem("unterminated string", at: start) }
            let byte = bytes[pos]
            switch byte {
            case UInt8(ascii: "\""):
                pos += 1
                return String(decoding: text, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try escape(into: &text, stringStart: start)
            case UInt8(ascii: "\n"):
                throw problem("line break inside a string (missing '\"'?)")
            case 0..<0x20:
                throw problem("unescaped control character \(hex(byte)) in a string")
            case 0x80...:
                guard let length = utf8Length(at: pos) else { throw problem("invalid UTF-8 in a string") }
                text += bytes[pos..<pos + length]
                pos += length
            default:
                text.append(byte)
                pos += 1
            }
        }
    }

    private mutating func escape(into text: inout [UInt8], stringStart: Int) throws(Stop) {
        let start = pos
        pos += 1
        guard pos < bytes.count else { throw problem("unterminated string", at: stringStart) }
        if let byte = Walker.simpleEscapes[bytes[pos]] {
            text.append(byte)
            pos += 1
            return
        }
        guard bytes[pos] == UInt8(ascii: "u") else {
            throw problem("invalid escape '\\\(describeByte(at: pos, quoted: false))' in a string", at: start)
        }
        pos += 1
        var scalar = try hex4(escapeStart: start)
        if (0xD800..<0xDC00).contains(scalar) {
            // A high surrogate must be followed by an escaped low one; together they make one scalar.
            guard peek(is: "\\"), pos + 1 < bytes.count, bytes[pos + 1] == UInt8(ascii: "u") else {
                throw problem("unpaired surrogate in a \\u escape", at: start)
            }
            pos += 2
            let low = try hex4(escapeStart: pos - 2)
            guard (0xDC00..<0xE000).contains(low) else { throw problem("unpaired surrogate in a \\u escape", at: start) }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00..<0xE000).contains(scalar) {
            throw problem("unpaired surrogate in a \\u escape", at: start)
        }
        text += Array(String(Unicode.Scalar(scalar)!).utf8)
    }

    private mutating func hex4(escapeStart: Int) throws(Stop) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard pos < bytes.count, let digit = Character(Unicode.Scalar(bytes[pos])).hexDigitValue else {
                throw problem("invalid \\u escape (expected four hex digits)", at: escapeStart)
            }
            value = value * 16 + UInt32(digit)
            pos += 1
        }
        return value
    }

    private mutating func number() throws(Stop) {
        let start = pos
        if peek(is: "-") { pos += 1 }
        guard peekDigit() else { throw unexpected(expecting: "a digit") }
        if peek(is: "0") {
            pos += 1
            if peekDigit() { throw problem("number with a leading zero", at: start) }
        } else {
            skipDigits()
        }
        var integral = true
        if peek(is: ".") {
            pos += 1
            guard peekDigit() else { throw unexpected(expecting: "a digit after '.'") }
            skipDigits()
            integral = false
        }
        if peek(is: "e") || peek(is: "E") {
            pos += 1
            if peek(is: "+") || peek(is: "-") { pos += 1 }
            guard peekDigit() else { throw unexpected(expecting: "a digit in the exponent") }
            skipDigits()
            integral = false
        }
        let text = String(decoding: bytes[start..<pos], as: UTF8.self)
        if !integral || Int(text) == nil {
            throw Stop.problem(JSONLocator.Problem(offset: start, message: "expected an integer, found \(text)", path: path))
        }
    }

    private mutating func literal(_ word: String) throws(Stop) {
        let start = pos
        for expected in word.utf8 {
            guard pos < bytes.count, bytes[pos] == expected else {
                throw problem("invalid literal (expected \(word))", at: start)
            }
            pos += 1
        }
    }

    // MARK: - Helpers

    private mutating func skipWhitespace() {
        while pos < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[pos]) { pos += 1 }
    }

    private mutating func skipDigits() {
        while peekDigit() { pos += 1 }
    }

    private func peek(is character: Unicode.Scalar) -> Bool {
        pos < bytes.count && bytes[pos] == UInt8(ascii: character)
    }

    private func peekDigit() -> Bool {
        pos < bytes.count && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[pos])
    }

    private func kind(of byte: UInt8) -> JSONLocator.ValueKind {
        switch byte {
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .boolean
        case UInt8(ascii: "n"): return .null
        default: return .number
        }
    }

    /// The length of the well-formed UTF-8 sequence at `offset`, or nil (overlong forms and
    /// surrogates are not well-formed).
    private func utf8Length(at offset: Int) -> Int? {
        let lead = bytes[offset]
        let length: Int
        var second: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; second = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; second = 0x80...0x9F
        case 0xF0: length = 4; second = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; second = 0x80...0x8F
        default: return nil
        }
        guard offset + length <= bytes.count, second.contains(bytes[offset + 1]),
              bytes[offset + 2 ..< offset + length].allSatisfy({ (0x80...0xBF).contains($0) }) else { return nil }
        return length
    }

    /// `character '}'`, `character 'é'`, `control character U+0000`, `byte 0xFF`.
    private func describeByte(at offset: Int, quoted: Bool = true) -> String {
        let byte = bytes[offset]
        let length = byte < 0x80 ? 1 : utf8Length(at: offset)
        guard let length else { return "byte 0x" + String(byte, radix: 16, uppercase: true) }
        if byte < 0x20 || byte == 0x7F { return "control character \(hex(byte))" }
        let character = String(decoding: bytes[offset..<offset + length], as: UTF8.self)
        return quoted ? "character '\(character)'" : character
    }

    private func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: 4 - digits.count) + digits
    }

    private func unexpected(expecting expected: String) -> Stop {
        guard pos < bytes.count else { return problem("unexpected end of file (expected \(expected))") }
        return problem("unexpected \(describeByte(at: pos)) (expected \(expected))")
    }

    private func problem(_ message: String, at offset: Int? = nil) -> Stop {
        .problem(JSONLocator.Problem(offset: offset ?? pos, message: message, path: nil))
    }
}
