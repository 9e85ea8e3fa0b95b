/// RFC 2047 encoded words — `=?charset?B?…?=` and `=?charset?Q?…?=` — as they occur in subjects,
/// display names and comments.
///
/// Real mail is laxer than the RFC, so the decoder is too: encoded words are found anywhere (also
/// inside quoted strings and glued to other text, as some clients write them), the white space
/// between two encoded words is dropped, adjacent words in one charset are decoded together (a
/// UTF-8 character split across two words heals), and B text may lack its padding. A word in a
/// charset Kith has no table for is kept as written, unless its bytes are ASCII (the same in every
/// charset); one that does not decode is kept as written too. Raw 8-bit bytes are UTF-8 when
/// valid, else Windows-1252. White space runs become one space, and the ends are trimmed.
enum EncodedWords {
    static func decode(_ bytes: some Collection<UInt8>) -> String {
        let bytes = Array(bytes)
        // Fast paths: nothing to decode.
        if !bytes.contains(0x3D) || !containsStart(bytes) {
            return bytes.allSatisfy({ $0 < 0x80 }) ? collapseASCII(bytes) : collapse(Charset.guess(bytes))
        }
        var out = ""
        var plain: [UInt8] = []           // undecoded text since the last encoded word
        var pending: [UInt8] = []          // decoded bytes of adjacent words in `pendingCharset`
        var pendingCharset = ""
        var i = 0

        func flushPending() {
            if !pendingCharset.isEmpty {
                out += Charset.decode(pending, charset: pendingCharset) ?? Charset.latin1(pending)
            }
            pending.removeAll(keepingCapacity: true)
            pendingCharset = ""
        }

        while i < bytes.count {
            if bytes[i] == 0x3D, i + 1 < bytes.count, bytes[i + 1] == 0x3F,
               let word = EncodedWord(bytes, at: i),
               Charset.isKnown(word.charset) || word.decoded.allSatisfy({ $0 < 0x80 }) {
                // A charset without a table still decodes when the word is ASCII: ASCII is the same in all.
                let charset = Charset.isKnown(word.charset) ? Charset.normalized(word.charset) : "usascii"
                let adjacent = !pendingCharset.isEmpty && plain.allSatisfy { $0.isBlank || $0 == 0x0D || $0 == 0x0A }
                if !adjacent {
                    flushPending()
                    out += Charset.guess(plain)
                }
                plain.removeAll(keepingCapacity: true)
                if charset != pendingCharset { flushPending() }
                pendingCharset = charset
                pending += word.decoded
                i = word.end
                continue
            }
            plain.append(bytes[i])
            i += 1
        }
        flushPending()
        out += Charset.guess(plain)
        return collapse(out)
    }

    private static func containsStart(_ bytes: [UInt8]) -> Bool {
        var i = 0
        while i + 1 < bytes.count {
            if bytes[i] == 0x3D && bytes[i + 1] == 0x3F { return true }
            i += 1
        }
        return false
    }

    /// `collapse` for ASCII bytes, without going through characters.
    static func collapseASCII(_ bytes: [UInt8]) -> String {
        String(unsafeUninitializedCapacity: bytes.count) { out in
            var n = 0
            var space = false
            for byte in bytes {
                if byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A {
                    space = n > 0
                } else {
                    if space { out[n] = 0x20; n += 1 }
                    space = false
                    out[n] = byte
                    n += 1
                }
            }
            return n
        }
    }

    /// White space runs (spaces, tabs, line breaks) made one space; the ends trimmed.
    static func collapse(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var space = false
        for scalar in text.unicodeScalars {
            if scalar == " " || scalar == "\t" || scalar == "\r" || scalar == "\n" {
                space = !out.isEmpty
            } else {
                if space { out.unicodeScalars.append(" ") }
                space = false
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

/// One `=?charset?encoding?text?=` word, read at an index of a byte array.
struct EncodedWord {
    var charset: String
    var decoded: [UInt8]
    /// The index just after its `?=`.
    var end: Int

    init?(_ bytes: [UInt8], at start: Int) {
        var i = start + 2
        let charsetStart = i
        while i < bytes.count, bytes[i] != 0x3F, bytes[i] > 0x20, bytes[i] < 0x7F { i += 1 }
        guard i < bytes.count, bytes[i] == 0x3F, i > charsetStart, i + 2 < bytes.count, bytes[i + 2] == 0x3F else { return nil }
        let charset = String(decoding: bytes[charsetStart..<i], as: UTF8.self)
        let encoding = bytes[i + 1].asciiLowercased
        guard encoding == 0x62 || encoding == 0x71 else { return nil }  // b, q
        i += 3
        let textStart = i
        while i + 1 < bytes.count, !(bytes[i] == 0x3F && bytes[i + 1] == 0x3D) {
            guard bytes[i] > 0x20, bytes[i] < 0x7F else { return nil }  // no white space inside a word
            i += 1
        }
        guard i + 1 < bytes.count else { return nil }
        let text = bytes[textStart..<i]
        guard let decoded = encoding == 0x62 ? Base64.decode(text) : EncodedWord.quoted(text) else { return nil }
        self.charset = charset
        self.decoded = decoded
        self.end = i + 2
    }

    /// Q encoding: `_` is a space, `=XX` a byte; a stray `=` is kept.
    static func quoted(_ text: ArraySlice<UInt8>) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var i = text.startIndex
        while i < text.endIndex {
            let byte = text[i]
            if byte == 0x5F {
                out.append(0x20)
            } else if byte == 0x3D, i + 2 < text.endIndex, let high = hex(text[i + 1]), let low = hex(text[i + 2]) {
                out.append(high << 4 | low)
                i += 2
            } else {
                out.append(byte)
            }
            i += 1
        }
        return out
    }

    static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: return byte - 0x30
        case 0x41...0x46: return byte - 0x41 + 10
        case 0x61...0x66: return byte - 0x61 + 10
        default: return nil
        }
    }
}

/// Base64 as mail writes it: padding optional, anything outside the alphabet skipped.
enum Base64 {
    static func decode(_ text: some Collection<UInt8>) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(text.count * 3 / 4)
        var buffer: UInt32 = 0
        var bits = 0
        for byte in text {
            let value: UInt8
            switch byte {
            case 0x41...0x5A: value = byte - 0x41
            case 0x61...0x7A: value = byte - 0x61 + 26
            case 0x30...0x39: value = byte - 0x30 + 52
            case 0x2B: value = 62
            case 0x2F: value = 63
            case 0x3D: continue
            default: return nil
            }
            buffer = buffer << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
            }
        }
        return out
    }
}
