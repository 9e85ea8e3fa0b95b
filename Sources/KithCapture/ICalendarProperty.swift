/// One unfolded content line of an iCalendar file: `ATTENDEE;CN="Lee, Ann";PARTSTAT=ACCEPTED:mailto:ann@x.org`.
///
/// Works on bytes: the name is matched without making a string, and parameters are only
/// split when a line has them.
struct ICalendarProperty {
    /// Uppercased ASCII.
    var name: String
    /// Parameter names uppercased; values unquoted and with RFC 6868's `^n`, `^'`, `^^` undone.
    /// A parameter given a list (`MEMBER="a","b"`) keeps its values joined by commas.
    var parameters: [(name: String, value: String)]
    /// The raw value, still escaped.
    var value: ArraySlice<UInt8>
    /// The line of the file the property starts on.
    var line: Int

    /// Parses `NAME;PARAM=VALUE:value`, or returns nil when there is no name or no colon.
    init?(_ bytes: ArraySlice<UInt8>, line: Int) {
        var index = bytes.startIndex
        while index < bytes.endIndex, bytes[index] != UInt8(ascii: ";"), bytes[index] != UInt8(ascii: ":") { index += 1 }
        guard index < bytes.endIndex else { return nil }
        // The name: letters, digits and dashes; whitespace around it is a writer's slip.
        var nameStart = bytes.startIndex, nameEnd = index
        while nameStart < nameEnd, bytes[nameStart] == 0x20 || bytes[nameStart] == 0x09 { nameStart += 1 }
        while nameEnd > nameStart, bytes[nameEnd - 1] == 0x20 || bytes[nameEnd - 1] == 0x09 { nameEnd -= 1 }
        guard nameStart < nameEnd else { return nil }
        var lowercase = false
        for byte in bytes[nameStart..<nameEnd] {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"): continue
            case UInt8(ascii: "a")...UInt8(ascii: "z"): lowercase = true
            default: return nil
            }
        }
        name = lowercase ? Self.upperTrimmed(bytes[nameStart..<nameEnd]) : String(decoding: bytes[nameStart..<nameEnd], as: UTF8.self)
        parameters = []
        self.line = line

        // Parameters until the first colon outside quotes.
        while bytes[index] == UInt8(ascii: ";") {
            index += 1
            let nameStart = index
            while index < bytes.endIndex, bytes[index] != UInt8(ascii: "="), bytes[index] != UInt8(ascii: ";"),
                  bytes[index] != UInt8(ascii: ":") { index += 1 }
            guard index < bytes.endIndex else { return nil }
            let parameterName = Self.upperTrimmed(bytes[nameStart..<index])
            var value: [UInt8] = []
            if bytes[index] == UInt8(ascii: "=") {
                index += 1
                var inQuotes = false
                while index < bytes.endIndex {
                    let byte = bytes[index]
                    if byte == UInt8(ascii: "\"") {
                        inQuotes.toggle()
                    } else if !inQuotes && (byte == UInt8(ascii: ";") || byte == UInt8(ascii: ":")) {
                        break
                    } else {
                        value.append(byte)
                    }
                    index += 1
                }
                guard index < bytes.endIndex else { return nil }
            }
            parameters.append((parameterName, Self.caretDecoded(value)))
        }
        value = bytes[(index + 1)...]
    }

    /// The first value of a parameter (`parameter("TZID")`), or nil.
    func parameter(_ name: String) -> String? {
        parameters.first { $0.name == name }?.value
    }

    /// The value unescaped as TEXT (RFC 5545 §3.3.11): `\\`, `\;`, `\,` and `\n` undone.
    var text: String { Self.unescaped(value) }

    /// The value as it is written, without unescaping (URIs, dates, rules).
    var raw: String { String(decoding: value, as: UTF8.self) }

    static func unescaped(_ bytes: ArraySlice<UInt8>) -> String {
        guard bytes.contains(UInt8(ascii: "\\")) else { return String(decoding: bytes, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var escaped = false
        for byte in bytes {
            if escaped {
                out.append(byte == UInt8(ascii: "n") || byte == UInt8(ascii: "N") ? 0x0A : byte)
                escaped = false
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
            } else {
                out.append(byte)
            }
        }
        if escaped { out.append(UInt8(ascii: "\\")) }
        return String(decoding: out, as: UTF8.self)
    }

    private static func upperTrimmed(_ bytes: ArraySlice<UInt8>) -> String {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count)
        for byte in bytes where byte != 0x20 && byte != 0x09 {
            out.append(byte >= 0x61 && byte <= 0x7A ? byte - 32 : byte)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// RFC 6868: `^n` is a line break, `^'` a double quote, `^^` a caret.
    private static func caretDecoded(_ bytes: [UInt8]) -> String {
        guard bytes.contains(UInt8(ascii: "^")) else { return String(decoding: bytes, as: UTF8.self) }
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "^"), index + 1 < bytes.count {
                switch bytes[index + 1] {
                case UInt8(ascii: "n"), UInt8(ascii: "N"): out.append(0x0A); index += 2; continue
                case UInt8(ascii: "'"): out.append(UInt8(ascii: "\"")); index += 2; continue
                case UInt8(ascii: "^"): out.append(UInt8(ascii: "^")); index += 2; continue
                default: break
                }
            }
            out.append(bytes[index])
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
