import Foundation

/// Address books arrive in whatever encoding the exporting app chose: UTF-8 with or without a
/// byte-order mark (Excel, Outlook), UTF-16 with one (older Google exports), or Windows-1252
/// (older Outlook). Everything is turned into UTF-8 before parsing, so parsers see one encoding.
enum TextDecoding {
    /// The bytes of `data` as UTF-8, without a byte-order mark.
    static func utf8Bytes(_ data: Data) -> [UInt8] {
        let bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return Array(bytes.dropFirst(3)) }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let encoding: String.Encoding = bytes[0] == 0xFF ? .utf16LittleEndian : .utf16BigEndian
            if let text = String(data: Data(bytes.dropFirst(2)), encoding: encoding) { return Array(text.utf8) }
        }
        if String(validating: bytes, as: UTF8.self) != nil || isUTF8IgnoringFolds(bytes) { return bytes }
        return Array(decode(bytes, charset: "windows-1252").utf8)
    }

    /// A vCard writer may fold a line inside a UTF-8 sequence (RFC 6350 §3.2 warns of it), so
    /// bytes that are UTF-8 once folds (a line break and a space or tab) are taken out are UTF-8.
    private static func isUTF8IgnoringFolds(_ bytes: [UInt8]) -> Bool {
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
        let data = Data(bytes)
        if !name.contains("8859-1"), name != "latin1", let text = String(data: data, encoding: .windowsCP1252) {
            return text
        }
        return String(bytes.map { Character(Unicode.Scalar($0)) })
    }
}
