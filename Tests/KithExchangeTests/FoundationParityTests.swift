import Foundation
import Testing
@testable import KithExchange
import KithText

/// The module once called Foundation for a few string and encoding operations; what replaced
/// them is checked here against Foundation itself (the test target still links it).
@Suite struct FoundationParityTests {
    // MARK: - Search

    /// Every scalar: Foundation finds a comma followed by it exactly when `extendsCharacter` says it
    /// does not extend the comma.
    @Test func extendTableIsFoundations() {
        var wrong: [String] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = "," + String(scalar)
            if (text.range(of: ",") != nil) == extendsCharacter(scalar) { wrong.append(String(value, radix: 16)) }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(50))")
    }

    static let searchPieces: [String] = [
        "a", "b", ",", "-", "\"", "\r", "\n", "\r\n", " ", "é", "e\u{301}", "\u{301}", "\u{FE0F}", "\u{1F3FD}", "👍",
        "\u{200D}", "\u{200C}", "\u{903}", "\u{897}", "\u{E0020}", "\u{34F}", "\u{212A}", "K", "王", "\u{AC00}",
        "\u{1100}", "\u{94D}", "क",
    ]

    @Test func replacingIsFoundations() {
        var random = SeededRandom(seed: 0x4E91)
        for caseNumber in 0..<6000 {
            let text = (0..<random.below(12)).map { _ in random.pick(Self.searchPieces) }.joined()
            for (target, replacement) in [(",", " "), ("-", ""), ("\"", "\"\"")] {
                let expected = text.replacingOccurrences(of: target, with: replacement)
                let actual = TextSearch.replacing(target.unicodeScalars.first!, with: replacement, in: text)
                #expect(actual.unicodeScalars.elementsEqual(expected.unicodeScalars),
                        "case \(caseNumber) \(target): \(scalarDump(text))")
            }
        }
    }

    /// The needles the module searches for by name, in text made of them, parts of them, and
    /// characters that extend or resemble their letters.
    @Test func containsOfFixedNeedlesIsFoundations() {
        let needles = ["\r", "QUOTED-PRINTABLE", "8859-1"]
        let pieces = Self.searchPieces + ["QUOTED-PRINTABLE", "QUOTED", "PRINTABLE", "8859-1", "8859", "-1", "E", "1",
                                          "\u{212A}", "É", "E\u{301}", "iso-", "ENCODING="]
        var random = SeededRandom(seed: 0xF1ED)
        for caseNumber in 0..<6000 {
            let text = (0..<random.below(8)).map { _ in random.pick(pieces) }.joined()
            for needle in needles {
                #expect(TextSearch.contains(text, needle) == (text.range(of: needle) != nil),
                        "case \(caseNumber) \(scalarDump(needle)): \(scalarDump(text))")
            }
        }
    }

    /// Notes against e-mail addresses, phone numbers and links; reminders against first names:
    /// text in any script, with accents composed or decomposed (each pair in one form), emoji
    /// with skin tones and joiners, line breaks.
    @Test(arguments: [
        ["a", "b", "c", "@", ".", "-", "1", " ", "K", "+", "/", ":"],
        ["a", "e", "é", "o", "ö", "Å", "A", "n", "ñ", "ç", "c", " "],
        ["a", "e", "e\u{301}", "o", "o\u{308}", "A\u{30A}", "A", "n", "n\u{303}", "c\u{327}", "c", " "],
        ["👍", "\u{1F3FD}", "\u{200D}", "❤", "\u{FE0F}", "🇺", "🇸", "a", "👨‍👩‍👧"],
        ["王", "小", "明", "д", "ж", "Ж", "a", " ", "-", "ا", "ل", "ש"],
        ["\r", "\n", "\r\n", "a", "\u{600}", "\u{FEFF}", "\u{2126}", "Ω", "\u{F900}", "豈", "\u{212A}", "K"],
    ])
    func containsIsFoundations(alphabet: [String]) {
        var random = SeededRandom(seed: 0xC0DE)
        var found = 0
        for caseNumber in 0..<6000 {
            let text = (0..<random.below(9)).map { _ in random.pick(alphabet) }.joined()
            let needle = (0..<(1 + random.below(3))).map { _ in random.pick(alphabet) }.joined()
            let expected = text.range(of: needle) != nil
            if expected { found += 1 }
            #expect(TextSearch.contains(text, needle) == expected,
                    "case \(caseNumber): \(scalarDump(text)) / \(scalarDump(needle))")
        }
        #expect(found > 600)  // the cases are not all misses
        #expect(!TextSearch.contains("abc", ""))
        #expect(!TextSearch.contains("", ""))
    }

    // MARK: - Trimming

    @Test func paddingIsFoundationsWhitespaceAndQuote() {
        let set = CharacterSet.whitespaces.union(["\""])
        var wrong: [String] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if set.contains(scalar) != CSVHeader.isPadding(scalar) { wrong.append(String(value, radix: 16)) }
        }
        #expect(wrong.isEmpty, "\(wrong)")
    }

    @Test func headerNamesAreTrimmedAsFoundationDid() {
        let pieces = ["First Name", "e-mail 1 - value", "\"", " ", "\t", "\u{A0}", "\u{200B}", "\u{3000}", ",", "É",
                      "\u{301}", "x", "\r", "\u{2028}", "Name"]
        var random = SeededRandom(seed: 0x4EAD)
        for caseNumber in 0..<6000 {
            let line = (0..<random.below(10)).map { _ in random.pick(pieces) }.joined()
            let expected = Set(line.split(separator: ",", omittingEmptySubsequences: false).map {
                exactly($0.trimmingCharacters(in: .whitespaces.union(["\""])).lowercased())!
            })
            #expect(Set(CSVHeader(line: line).names.map { exactly($0)! }) == expected,
                    "case \(caseNumber): \(scalarDump(line))")
        }
    }

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
            if String(validating: bytes, as: UTF8.self) != nil || isUTF8IgnoringFolds(bytes) { return bytes }
            return Array(decode(bytes, charset: "windows-1252").utf8)
        }

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
        var random = SeededRandom(seed: 0xB17E5)
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
