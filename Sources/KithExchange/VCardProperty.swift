import KithText

/// One content line of a vCard, unfolded: `item1.EMAIL;TYPE=work,pref:ann@example.com`.
///
/// Work is done on bytes, not characters: RFC 6350 warns that simple writers fold lines in the
/// middle of a UTF-8 sequence, and quoted-printable values decode to bytes in the card's
/// `CHARSET`, so text is only made once a value is whole.
struct VCardProperty {
    /// Uppercased, without its group (`item1.`).
    var name: String
    /// Parameter names uppercased; values as written, without quotes. vCard 2.1's bare
    /// parameters (`TEL;CELL;PREF:`) are `TYPE` values, as in vCard 3.0.
    var parameters: [String: [String]]
    /// The `TYPE` values, lowercased, a quoted `TYPE="home,pref"` counting as two.
    let types: Set<String>
    /// The raw value, still escaped (and maybe quoted-printable).
    var value: ArraySlice<UInt8>
    /// The line of the file the property starts on.
    var line: Int

    /// Parses `NAME;PARAM=VALUE:value`, or returns nil when there is no name or no colon.
    init?(_ bytes: ArraySlice<UInt8>, line: Int) {
        var inQuotes = false
        var colon: Int?
        var segments: [ArraySlice<UInt8>] = []
        var segmentStart = bytes.startIndex
        for index in bytes.indices {
            switch bytes[index] {
            case UInt8(ascii: "\""): inQuotes.toggle()
            case UInt8(ascii: ";") where !inQuotes:
                segments.append(bytes[segmentStart..<index])
                segmentStart = index + 1
            case UInt8(ascii: ":") where !inQuotes:
                colon = index
            default: break
            }
            if colon != nil { break }
        }
        guard let colon else { return nil }
        segments.append(bytes[segmentStart..<colon])
        let qualified = String(decoding: segments[0], as: UTF8.self)
        let name = qualified.split(separator: ".").last.map { $0.uppercased() } ?? ""
        guard !name.isEmpty, !name.contains(where: \.isWhitespace) else { return nil }
        self.name = name
        self.value = bytes[(colon + 1)...]
        self.line = line
        var parameters: [String: [String]] = [:]
        for segment in segments.dropFirst() {
            let text = String(decoding: segment, as: UTF8.self)
            let key: String, values: Substring
            if let equals = text.firstIndex(of: "=") {
                key = text[..<equals].trimmed.uppercased()
                values = text[text.index(after: equals)...]
            } else {
                key = "TYPE"
                values = Substring(text)
            }
            parameters[key, default: []] += Self.splitParameterValues(values)
        }
        self.parameters = parameters
        types = Set((parameters["TYPE"] ?? []).flatMap { $0.lowercased().split(separator: ",").map(String.init) })
    }

    /// `work,"voice"` → ["work", "voice"]: commas inside quotes stay.
    private static func splitParameterValues(_ text: Substring) -> [String] {
        var values: [String] = []
        var current = ""
        var inQuotes = false
        for character in text {
            if character == "\"" {
                inQuotes.toggle()
            } else if character == ",", !inQuotes {
                values.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        values.append(current)
        return values.filter { !$0.isEmpty }
    }

    /// Whether a `TYPE` value is present: `has(type: "home")` (lowercase).
    func has(type: String) -> Bool { types.contains(type) }

    /// `TYPE=pref` (vCard 2.1 and 3.0) or a `PREF` parameter (vCard 4.0).
    var isPreferred: Bool { has(type: "pref") || parameters["PREF"] != nil }

    /// The value as text, still escaped. A quoted-printable value decodes to bytes in the
    /// property's `CHARSET`; any other value is already UTF-8, since the whole file was made
    /// UTF-8 before parsing (so `CHARSET` no longer applies to it).
    var rawText: String {
        let encoding = parameters["ENCODING"]?.first?.uppercased()
        if encoding == "QUOTED-PRINTABLE" || has(type: "quoted-printable") {
            return TextDecoding.decode(Self.decodeQuotedPrintable(value), charset: parameters["CHARSET"]?.first)
        }
        return String(decoding: value, as: UTF8.self)
    }

    /// The value unescaped (`\n` is a line break, `\,` a comma): NOTE, FN, TITLE.
    var text: String { Self.components(rawText, separator: nil).first ?? "" }

    /// The value split on unescaped `separator` — `;` for the structured N, ADR and ORG, `,`
    /// for the lists NICKNAME and CATEGORIES — and each part unescaped and trimmed.
    func components(separatedBy separator: Character) -> [String] {
        Self.components(rawText, separator: separator)
    }

    static func components(_ text: String, separator: Character?) -> [String] {
        // Most values have nothing to unescape or split: take them whole.
        let separatorByte = separator?.asciiValue
        if !text.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == 0x0D || $0 == 0x0A || $0 == separatorByte }) {
            return [text.trimmed]
        }
        var parts: [String] = []
        var current = ""
        var escaped = false
        for character in text {
            if escaped {
                current.append(character == "n" || character == "N" ? "\n" : character)
                escaped = false
            } else if character == "\r\n" || character == "\r" {
                current.append("\n")  // quoted-printable =0D=0A: one kind of line break
            } else if character == "\\" {
                escaped = true
            } else if character == separator {
                parts.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        if escaped { current.append("\\") }
        parts.append(current)
        return parts.map(\.trimmed)
    }

    /// RFC 2045 quoted-printable: `=C3=A9` is a byte; `=` at a line end was a soft break and
    /// has already been joined by the unfolding.
    static func decodeQuotedPrintable(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "="),
               let high = hexValue(bytes[safe: index + 1]), let low = hexValue(bytes[safe: index + 2]) {
                out.append(high << 4 | low)
                index += 3
            } else {
                out.append(byte)
                index += 1
            }
        }
        return out
    }

    private static func hexValue(_ byte: UInt8?) -> UInt8? {
        guard let byte else { return nil }
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        default: return nil
        }
    }
}

extension ArraySlice {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
