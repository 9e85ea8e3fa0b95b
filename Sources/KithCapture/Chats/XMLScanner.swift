/// A small XML reader for flat exports such as SMS Backup & Restore's: it hands over each start
/// tag with its attributes (entities decoded) and each end tag, with the line it starts on, and
/// passes over the XML declaration, processing instructions, comments, CDATA and text. It does
/// not check nesting (callers look at the tags they know); it stops, saying where, at a tag that
/// is not well formed.
struct XMLScanner {
    enum Event {
        /// `<name a="1">` (`selfClosing` for `<name a="1"/>`).
        case start(name: [UInt8], attributes: [(name: [UInt8], value: String)], selfClosing: Bool, line: Int)
        case end(name: [UInt8], line: Int)
        /// A tag that is not well formed, or the input ends inside one; nothing more is read.
        case broken(line: Int, reason: String)
    }

    private let s: ByteScan
    private var i = 0
    /// The line `i` is on.
    private(set) var line = 1
    private var done = false

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        s = ByteScan(bytes)
        if s.has("\u{FEFF}", at: 0) { i = 3 }
    }

    /// The next tag, or nil at the end of the input.
    mutating func next() -> Event? {
        guard !done else { return nil }
        while true {
            let open = s.firstIndex(of: 0x3C, from: i)
            line += s.lineFeeds(from: i, to: open)
            i = open
            guard i < s.count else { return nil }
            let start = line
            if s.has("<!--", at: i) {
                guard skip(past: "-->") else { return stop(start, "a comment is not closed") }
            } else if s.has("<![CDATA[", at: i) {
                guard skip(past: "]]>") else { return stop(start, "a CDATA section is not closed") }
            } else if s.has("<?", at: i) {
                guard skip(past: "?>") else { return stop(start, "a processing instruction is not closed") }
            } else if s.has("<!", at: i) {
                guard skip(past: ">") else { return stop(start, "a declaration is not closed") }
            } else if s.has("</", at: i) {
                i += 2
                let name = self.name()
                skipSpace()
                guard !name.isEmpty, i < s.count, s[i] == 0x3E else { return stop(start, "an end tag is not well formed") }
                i += 1
                return .end(name: name, line: start)
            } else {
                return startTag(line: start)
            }
        }
    }

    private mutating func startTag(line start: Int) -> Event {
        i += 1
        let name = self.name()
        guard !name.isEmpty else { return stop(start, "a \"<\" does not start a tag") }
        var attributes: [(name: [UInt8], value: String)] = []
        while true {
            let before = i
            skipSpace()
            guard i < s.count else { return stop(start, "the file ends inside the <\(String(decoding: name, as: UTF8.self))> tag") }
            if s[i] == 0x3E { i += 1; return .start(name: name, attributes: attributes, selfClosing: false, line: start) }
            if s.has("/>", at: i) { i += 2; return .start(name: name, attributes: attributes, selfClosing: true, line: start) }
            guard i > before else { return stop(start, "attributes are not separated by white space") }
            let attribute = self.name()
            skipSpace()
            guard !attribute.isEmpty, i < s.count, s[i] == 0x3D else {
                return stop(start, "an attribute of <\(String(decoding: name, as: UTF8.self))> has no value")
            }
            i += 1
            skipSpace()
            guard i < s.count, s[i] == 0x22 || s[i] == 0x27 else {
                return stop(start, "an attribute value of <\(String(decoding: name, as: UTF8.self))> is not quoted")
            }
            let quote = s[i]
            let valueStart = i + 1
            let valueEnd = s.firstIndex(of: quote, from: valueStart)
            guard valueEnd < s.count else { return stop(start, "the file ends inside an attribute value") }
            let raw = UnsafeBufferPointer(rebasing: s.bytes[valueStart..<valueEnd])
            guard !raw.contains(0x3C) else { return stop(start, "an attribute value of <\(String(decoding: name, as: UTF8.self))> holds a \"<\"") }
            line += s.lineFeeds(from: valueStart, to: valueEnd)
            attributes.append((attribute, XMLScanner.decodeEntities(raw)))
            i = valueEnd + 1
        }
    }

    private mutating func stop(_ line: Int, _ reason: String) -> Event {
        done = true
        return .broken(line: line, reason: reason)
    }

    /// Moves past the next `terminator`; false (at the end) when there is none.
    private mutating func skip(past terminator: StaticString) -> Bool {
        let first = terminator.utf8Start[0]
        while i < s.count {
            let next = s.firstIndex(of: first, from: i)
            line += s.lineFeeds(from: i, to: next)
            i = next
            if i >= s.count { return false }
            if s.has(terminator, at: i) { i += terminator.utf8CodeUnitCount; return true }
            i += 1
        }
        return false
    }

    private mutating func skipSpace() {
        while i < s.count, s[i] == 0x20 || s[i] == 0x09 || s[i] == 0x0D || s[i] == 0x0A {
            if s[i] == 0x0A { line += 1 }
            i += 1
        }
    }

    /// An XML name: anything up to white space, `=`, `/`, `>` or `<`.
    private mutating func name() -> [UInt8] {
        let start = i
        while i < s.count {
            switch s[i] {
            case 0x20, 0x09, 0x0D, 0x0A, 0x3D, 0x2F, 0x3E, 0x3C: return s.slice(start, i)
            default: i += 1
            }
        }
        return s.slice(start, i)
    }

    /// Attribute text with `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;` and numeric references
    /// decoded. SMS Backup & Restore writes characters beyond the BMP as two references to UTF-16
    /// surrogates (`&#55357;&#56832;` for 😀); a pair is joined into its character, and a lone
    /// surrogate or an unknown entity is kept as written.
    static func decodeEntities(_ raw: UnsafeBufferPointer<UInt8>) -> String {
        guard raw.contains(0x26) else { return Charset.guess(raw) }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var pendingHigh: (value: UInt32, text: ArraySlice<UInt8>)?
        var i = 0
        func flushHigh() {
            if let high = pendingHigh { out += high.text }
            pendingHigh = nil
        }
        while i < raw.count {
            guard raw[i] == 0x26, let semicolon = (i + 1..<min(raw.count, i + 12)).first(where: { raw[$0] == 0x3B }) else {
                flushHigh()
                out.append(raw[i])
                i += 1
                continue
            }
            let body = Array(raw[(i + 1)..<semicolon])
            let whole = Array(raw[i...semicolon])[...]
            i = semicolon + 1
            var scalar: UInt32?
            switch body {
            case Array("amp".utf8): scalar = 0x26
            case Array("lt".utf8): scalar = 0x3C
            case Array("gt".utf8): scalar = 0x3E
            case Array("quot".utf8): scalar = 0x22
            case Array("apos".utf8): scalar = 0x27
            default:
                if body.first == 0x23 {
                    let hex = body.count > 1 && (body[1] == 0x78 || body[1] == 0x58)
                    let digits = String(decoding: body.dropFirst(hex ? 2 : 1), as: UTF8.self)
                    scalar = UInt32(digits, radix: hex ? 16 : 10)
                }
            }
            guard let value = scalar else {
                flushHigh()
                out += whole
                continue
            }
            if (0xD800...0xDBFF).contains(value) {
                flushHigh()
                pendingHigh = (value, whole)
                continue
            }
            if (0xDC00...0xDFFF).contains(value) {
                if let high = pendingHigh {
                    let combined = 0x10000 + ((high.value - 0xD800) << 10) + (value - 0xDC00)
                    pendingHigh = nil
                    out += Array(String(Unicode.Scalar(combined)!).utf8)
                } else {
                    out += whole
                }
                continue
            }
            flushHigh()
            if let character = Unicode.Scalar(value) {
                out += Array(String(character).utf8)
            } else {
                out += whole
            }
        }
        flushHigh()
        return Charset.guess(out)
    }
}
