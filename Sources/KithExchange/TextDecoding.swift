import FoundationEssentials

/// Address books arrive in whatever encoding the exporting app chose: UTF-8 with or without a
/// byte-order mark (Excel, Outlook), UTF-16 with one (older Google exports), or Windows-1252
/// (older Outlook). Everything is turned into UTF-8 before parsing, so parsers see one encoding.
enum TextDecoding {
    /// The bytes of `data` as UTF-8, without a byte-order mark.
    static func utf8Bytes(_ data: Data) -> [UInt8] {
        let bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return Array(bytes.dropFirst(3)) }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            if let text = utf16(bytes.dropFirst(2), bigEndian: bytes[0] == 0xFE) { return Array(text.utf8) }
        }
        if String(validating: bytes, as: UTF8.self) != nil || isUTF8IgnoringFolds(bytes) { return bytes }
        return Array(decode(bytes, charset: "windows-1252").utf8)
    }

    /// A vCard writer may fold a line inside a UTF-8 sequence (RFC 6350 §3.2 warns of it), so
    /// bytes that are UTF-8 once folds (a line break and a space or tab) are taken out are UTF-8.
    static func isUTF8IgnoringFolds(_ bytes: [UInt8]) -> Bool {
        var unfolded: [UInt8] = []
        unfolded.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            var next = index + 1
            if byte == 0x0D, next < bytes.count, bytes[next] == 0x0A { next += 1 }
            if byte == 0x0A || (byte == 0x0D && next == index + 2), next < bytes.count,
               bytes[next] == 0x20 || bytes[next] == 0x09 {
                index = next + 1
                continue
            }
            unfolded.append(byte)
            index += 1
        }
        return String(validating: unfolded, as: UTF8.self) != nil
    }

    /// The whole of `data` as text (see `utf8Bytes`).
    static func text(_ data: Data) -> String {
        String(decoding: utf8Bytes(data), as: UTF8.self)
    }

    /// `bytes` read in a vCard `CHARSET`: UTF-8 unless it names a Latin one. Bytes that are not
    /// valid UTF-8 are read as Windows-1252, and the few bytes that has no character for as
    /// ISO 8859-1, which maps every byte to one, so decoding never fails.
    static func decode(_ bytes: some Collection<UInt8>, charset: String?) -> String {
        let name = charset?.lowercased() ?? "utf-8"
        if name == "utf-8" || name == "utf8", let text = String(validating: bytes, as: UTF8.self) { return text }
        if !name.contains("8859-1"), name != "latin1", let text = windows1252(bytes) { return text }
        return String(bytes.map { Character(Unicode.Scalar($0)) })
    }

    /// UTF-16 as Foundation's `String(data:encoding: .utf16LittleEndian / .utf16BigEndian)` read
    /// it: a byte-order mark is kept as U+FEFF, an odd last byte is ignored, and a lone surrogate
    /// makes it nil.
    static func utf16(_ bytes: some Collection<UInt8>, bigEndian: Bool) -> String? {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var iterator = bytes.makeIterator()
        while let first = iterator.next(), let second = iterator.next() {
            units.append(bigEndian ? UInt16(first) << 8 | UInt16(second) : UInt16(second) << 8 | UInt16(first))
        }
        return String(validating: units, as: UTF16.self)
    }

    /// Windows-1252 as Foundation read it: nil when a byte is one of the five it leaves
    /// undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D).
    static func windows1252(_ bytes: some Collection<UInt8>) -> String? {
        var scalars = String.UnicodeScalarView()
        for byte in bytes {
            if byte < 0x80 || byte >= 0xA0 {
                scalars.append(Unicode.Scalar(byte))
            } else {
                let value = windows1252High[Int(byte) - 0x80]
                guard value != 0, let scalar = Unicode.Scalar(value) else { return nil }
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// What Windows-1252 makes of 0x80…0x9F; 0 where it has no character.
    private static let windows1252High: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ]
}
