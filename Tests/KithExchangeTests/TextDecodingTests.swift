import Foundation
import Testing
@testable import KithExchange
import KithText

/// The module once called Foundation to decode text in other encodings; what replaced it is
/// checked here against Foundation itself (the test target still links it).
@Suite struct TextDecodingTests {
    // MARK: - Encodings

    /// `TextDecoding` as it was with Foundation, word for word.
    enum ReferenceTextDecoding {
        static func utf8Bytes(_ data: Data) -> [UInt8] {
            let bytes = [UInt8](data)
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return Array(bytes.dropFirst(3)) }
            if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
                let encoding: String.Encoding = bytes[0] == 0xFF ? .utf16LittleEndian : .utf16BigEndian
                if let text = String(data: Data(bytes.dropFirst(2)), encoding: encoding) { return Array(text.utf8) }
            }
            // The fold rule was never Foundation's: the module's own, called rather than copied.
            if String(validating: bytes, as: UTF8.self) != nil || TextDecoding.isUTF8IgnoringFolds(bytes) { return bytes }
            return Array(decode(bytes, charset: "windows-1252").utf8)
        }

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

    @Test func everyUTF16CodeUnitAndWindows1252Byte() {
        for byte in UInt8.min...UInt8.max {
            #expect(exactly(TextDecoding.windows1252([byte])) == exactly(String(data: Data([byte]), encoding: .windowsCP1252)),
                    "\(byte)")
        }
        for unit in UInt16.min...UInt16.max {
            let little = [UInt8(unit & 0xFF), UInt8(unit >> 8)]
            #expect(exactly(TextDecoding.utf16(little, bigEndian: false))
                    == exactly(String(data: Data(little), encoding: .utf16LittleEndian)))
            #expect(exactly(TextDecoding.utf16(little.reversed(), bigEndian: true))
                    == exactly(String(data: Data(little.reversed()), encoding: .utf16BigEndian)))
        }
    }

    @Test func randomBytesDecodeAsBefore() {
        let prefixes: [[UInt8]] = [[], [], [0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0xFE, 0xFF], [0xFF, 0xFE, 0xFF, 0xFE]]
        let pieces: [[UInt8]] = [
            [0x41], [0x61, 0x00], [0x00, 0x61], [0x0D, 0x0A], [0x0A], [0x0D], [0x20], [0x09], [0xC3, 0xA9], [0xE2, 0x82, 0xAC],
            [0xF0, 0x9F, 0x91, 0x8D], [0xC3], [0xA9], [0x80], [0x81], [0x8D], [0x8F], [0x90], [0x9D], [0x9F], [0xE9], [0xFF],
            [0x00, 0xD8], [0xD8, 0x00], [0x00, 0xDC], [0xDC, 0x00], [0x3D, 0xD8, 0x4D, 0xDC], [0xD8, 0x3D, 0xDC, 0x4D],
            [0xFE, 0xFF], [0xFF, 0xFE], [0x0D, 0x0A, 0x20], [0x00],
        ]
        let charsets: [String?] = [nil, "utf-8", "UTF8", "iso-8859-1", "ISO-8859-15", "latin1", "windows-1252", "x-8859-1\u{301}"]
        var random = SeededGenerator(seed: 0xB17E5)
        for caseNumber in 0..<6000 {
            var bytes = random.pick(prefixes)
            for _ in 0..<random.below(14) { bytes += random.pick(pieces) }
            #expect(TextDecoding.utf8Bytes(Data(bytes)) == ReferenceTextDecoding.utf8Bytes(Data(bytes)),
                    "case \(caseNumber): \(bytes)")
            let charset = random.pick(charsets)
            #expect(exactly(TextDecoding.decode(bytes, charset: charset))
                        == exactly(ReferenceTextDecoding.decode(bytes, charset: charset)),
                    "case \(caseNumber) \(charset ?? "nil"): \(bytes)")
        }
    }
}

/// The scalars, in hex: Swift's `==` on strings is canonical equivalence (`"é" == "e\u{301}"`),
/// and these tests want the very same scalars (and failures that show them).
func exactly(_ text: String?) -> String? {
    text.map { $0.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " ") }
}
