/// Bytes to text in the character sets mail and chat exports use.
///
/// Mail headers name their charset in RFC 2047 encoded words; raw 8-bit headers (RFC 6532, or
/// older clients) are UTF-8 when they are valid UTF-8 and Windows-1252 otherwise, as mail clients
/// guess. Decoding never fails: a byte no table maps becomes the character with its value
/// (ISO 8859-1, which maps every byte).
enum Charset {
    /// `bytes` in `name` (an IANA charset name, any case); nil when Kith has no table for it.
    static func decode(_ bytes: some Collection<UInt8>, charset name: String) -> String? {
        switch normalized(name) {
        case "utf8": return String(decoding: bytes, as: UTF8.self)
        case "usascii", "ascii", "ansix3.41968", "iso646us":
            return String(decoding: bytes, as: UTF8.self)
        case "iso88591", "latin1", "l1", "iso885911987", "cp819":
            return latin1(bytes)
        case "windows1252", "cp1252", "xcp1252":
            return windows1252(bytes)
        case "iso885915", "latin9", "latin0":
            return iso885915(bytes)
        default:
            return nil
        }
    }

    /// Whether `decode` has a table for `name`.
    static func isKnown(_ name: String) -> Bool { decode([], charset: name) != nil }

    /// UTF-8 when the bytes are valid UTF-8, else Windows-1252.
    static func guess(_ bytes: some Collection<UInt8>) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        return windows1252(bytes)
    }

    /// The name lowercased without `-`, `_` and spaces: `ISO-8859-1` → `iso88591`. An RFC 2231
    /// language (`us-ascii*en`) is dropped.
    static func normalized(_ name: String) -> String {
        var out = ""
        for byte in name.utf8 {
            if byte == 0x2A { break }  // "*"
            if byte == 0x2D || byte == 0x5F || byte == 0x20 { continue }
            out.unicodeScalars.append(Unicode.Scalar(byte.asciiLowercased))
        }
        return out
    }

    static func latin1(_ bytes: some Collection<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        for byte in bytes { scalars.append(Unicode.Scalar(byte)) }
        return String(scalars)
    }

    /// Windows-1252; the five bytes it leaves undefined read as ISO 8859-1 does.
    static func windows1252(_ bytes: some Collection<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        for byte in bytes {
            if byte >= 0x80 && byte < 0xA0, case let value = windows1252High[Int(byte) - 0x80], value != 0 {
                scalars.append(Unicode.Scalar(value)!)
            } else {
                scalars.append(Unicode.Scalar(byte))
            }
        }
        return String(scalars)
    }

    /// ISO 8859-15: ISO 8859-1 with eight places changed (€ at 0xA4).
    static func iso885915(_ bytes: some Collection<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        for byte in bytes {
            let value: UInt32
            switch byte {
            case 0xA4: value = 0x20AC
            case 0xA6: value = 0x0160
            case 0xA8: value = 0x0161
            case 0xB4: value = 0x017D
            case 0xB8: value = 0x017E
            case 0xBC: value = 0x0152
            case 0xBD: value = 0x0153
            case 0xBE: value = 0x0178
            default: value = UInt32(byte)
            }
            scalars.append(Unicode.Scalar(value)!)
        }
        return String(scalars)
    }

    /// What Windows-1252 makes of 0x80…0x9F; 0 where it has no character (KithExchange's
    /// TextDecoding holds the same table; KithCapture may not depend on it).
    private static let windows1252High: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ]
}
