/// A pull reader for JSON (RFC 8259) that knows the line it is on: the caller walks the document
/// (`object`, `array`, `string`, `skip`, …), keeping only what it needs, so a large export is read
/// without building it in memory, and a problem is reported at its line.
///
/// Why not `JSONDecoder`: it cannot say on which line a message lacks its date, and decoding every
/// message into structs to throw most of it away costs more than walking it.
struct JSONReader {
    struct Failure: Error {
        var line: Int
        var reason: String
    }

    enum Kind { case object, array, string, number, bool, null }

    private let s: ByteScan
    private(set) var i = 0
    private(set) var line = 1

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        s = ByteScan(bytes)
        if s.has("\u{FEFF}", at: 0) { i = 3 }
    }

    func fail(_ reason: String) -> Failure { Failure(line: line, reason: reason) }

    private mutating func skipSpace() {
        while i < s.count {
            switch s[i] {
            case 0x0A: line += 1; i += 1
            case 0x20, 0x09, 0x0D: i += 1
            default: return
            }
        }
    }

    /// The kind of the next value.
    mutating func peek() throws -> Kind {
        skipSpace()
        guard i < s.count else { throw fail("the file ends where a value should be") }
        switch s[i] {
        case 0x7B: return .object
        case 0x5B: return .array
        case 0x22: return .string
        case 0x74, 0x66: return .bool
        case 0x6E: return .null
        case 0x2D, 0x30...0x39: return .number
        default: throw fail("\"\(Character(Unicode.Scalar(s[i])))\" does not start a value")
        }
    }

    /// Calls `body` with each key of the object that comes next; `body` must read or skip the value.
    mutating func object(_ body: (inout JSONReader, String) throws -> Void) throws {
        skipSpace()
        guard i < s.count, s[i] == 0x7B else { throw fail("an object was expected") }
        i += 1
        skipSpace()
        if i < s.count, s[i] == 0x7D { i += 1; return }
        while true {
            let key = try string()
            skipSpace()
            guard i < s.count, s[i] == 0x3A else { throw fail("a \":\" should follow the key \"\(key)\"") }
            i += 1
            try body(&self, key)
            skipSpace()
            guard i < s.count else { throw fail("the file ends inside an object") }
            if s[i] == 0x2C { i += 1; skipSpace(); continue }
            if s[i] == 0x7D { i += 1; return }
            throw fail("a \",\" or \"}\" should follow a value in an object")
        }
    }

    /// Calls `body` for each element of the array that comes next; `body` must read or skip it.
    mutating func array(_ body: (inout JSONReader) throws -> Void) throws {
        skipSpace()
        guard i < s.count, s[i] == 0x5B else { throw fail("an array was expected") }
        i += 1
        skipSpace()
        if i < s.count, s[i] == 0x5D { i += 1; return }
        while true {
            try body(&self)
            skipSpace()
            guard i < s.count else { throw fail("the file ends inside an array") }
            if s[i] == 0x2C { i += 1; skipSpace(); continue }
            if s[i] == 0x5D { i += 1; return }
            throw fail("a \",\" or \"]\" should follow a value in an array")
        }
    }

    /// A string, escapes undone.
    mutating func string() throws -> String {
        skipSpace()
        guard i < s.count, s[i] == 0x22 else { throw fail("a string was expected") }
        i += 1
        let start = i
        // Fast path: no escapes.
        while i < s.count, s[i] != 0x22, s[i] != 0x5C, s[i] >= 0x20 { i += 1 }
        if i < s.count, s[i] == 0x22 {
            defer { i += 1 }
            return Charset.guess(UnsafeBufferPointer(rebasing: s.bytes[start..<i]))
        }
        var out = Array(UnsafeBufferPointer(rebasing: s.bytes[start..<i]))
        var pendingHigh: UInt32?
        while true {
            guard i < s.count else { throw fail("the file ends inside a string") }
            let byte = s[i]
            if byte == 0x22 {
                if pendingHigh != nil { out += [0xEF, 0xBF, 0xBD] }
                i += 1
                break
            }
            guard byte >= 0x20 else { throw fail(byte == 0x0A ? "a string runs past the end of its line" : "a string holds a control character") }
            if byte != 0x5C {
                if pendingHigh != nil { out += [0xEF, 0xBF, 0xBD]; pendingHigh = nil }  // a lone high surrogate
                out.append(byte)
                i += 1
                continue
            }
            guard i + 1 < s.count else { throw fail("the file ends inside a string") }
            let escaped = s[i + 1]
            i += 2
            switch escaped {
            case 0x22, 0x5C, 0x2F: out.append(escaped)
            case 0x62: out.append(0x08)
            case 0x66: out.append(0x0C)
            case 0x6E: out.append(0x0A)
            case 0x72: out.append(0x0D)
            case 0x74: out.append(0x09)
            case 0x75:
                guard i + 4 <= s.count, let value = UInt32(String(decoding: UnsafeBufferPointer(rebasing: s.bytes[i..<(i + 4)]), as: UTF8.self), radix: 16)
                else { throw fail("a \\u escape is not four hex digits") }
                i += 4
                var scalar: UInt32? = value
                if (0xDC00...0xDFFF).contains(value) {
                    scalar = pendingHigh.map { 0x10000 + (($0 - 0xD800) << 10) + (value - 0xDC00) }
                } else if pendingHigh != nil {
                    out += [0xEF, 0xBF, 0xBD]  // a lone high surrogate
                }
                pendingHigh = nil
                if (0xD800...0xDBFF).contains(value) {
                    pendingHigh = value
                    continue
                }
                out += Array(String(Unicode.Scalar(scalar ?? 0xFFFD).map(Character.init) ?? "\u{FFFD}").utf8)
            default:
                throw fail("\"\\\(Character(Unicode.Scalar(escaped)))\" is not an escape")
            }
        }
        return Charset.guess(out)
    }

    /// A number's text, or a string's (Telegram writes some numbers as strings).
    mutating func scalarText() throws -> String? {
        switch try peek() {
        case .string: return try string()
        case .number:
            let start = i
            while i < s.count, (0x30...0x39).contains(s[i]) || s[i] == 0x2D || s[i] == 0x2B || s[i] == 0x2E || s[i] == 0x65 || s[i] == 0x45 { i += 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: s.bytes[start..<i]), as: UTF8.self)
        default:
            try skip()
            return nil
        }
    }

    /// Passes over the next value, whatever it is.
    mutating func skip() throws {
        switch try peek() {
        case .object: try object { reader, _ in try reader.skip() }
        case .array: try array { reader in try reader.skip() }
        case .string: _ = try string()
        case .number: _ = try scalarText()
        case .bool:
            if s.has("true", at: i) { i += 4 } else if s.has("false", at: i) { i += 5 } else { throw fail("a value is not JSON") }
        case .null:
            guard s.has("null", at: i) else { throw fail("a value is not JSON") }
            i += 4
        }
    }

    /// Feeds every string in the next value to `hash`, in order; an object's keys other than
    /// `text` are passed over (Telegram's rich text: a string, or an array of strings and
    /// `{"type": …, "text": …}` objects).
    mutating func hashText(into hash: inout StableHash) throws {
        switch try peek() {
        case .string: hash.add(try string())
        case .array: try array { reader in try reader.hashText(into: &hash) }
        case .object:
            try object { reader, key in
                if key == "text" { try reader.hashText(into: &hash) } else { try reader.skip() }
            }
        default: try skip()
        }
    }

    /// Whether only white space is left.
    mutating func atEnd() -> Bool {
        skipSpace()
        return i >= s.count
    }
}
