import Testing
@testable import kith

/// The byte-level fast path of the printer, held to the definition it replaced.
struct TextFastPathTests {
    /// Controls of every kind, and characters whose UTF-8 shares bytes with them: "¢" is
    /// 0xC2 0xA2, "ā" 0xC4 0x81, "Ā" 0xC4 0x80, U+0100…U+017F continue with 0x80…0xBF.
    private static let pool: [Unicode.Scalar] = {
        var scalars: [Unicode.Scalar] = (0x00...0x20).compactMap(Unicode.Scalar.init)
        scalars += (0x7E...0xA2).compactMap(Unicode.Scalar.init)
        scalars += ["a", "Z", " ", "\t", "ā", "Ā", "Ł", "ž", "€", "日", "😀", "\u{2028}", "\u{3000}", "\u{2003}",
                    "\u{00A0}", "\u{202F}", "\u{1680}", "\u{0085}", "\u{FEFF}", "\u{200B}", "\u{0301}"]
        return scalars
    }()

    private static func randomText(_ random: inout SystemRandomNumberGenerator, length: Int) -> String {
        var scalars = String.UnicodeScalarView()
        for _ in 0..<length { scalars.append(pool.randomElement(using: &random)!) }
        return String(scalars)
    }

    @Test func hasControlsAgreesWithTheScalarDefinition() {
        func reference(_ text: String) -> Bool {
            text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || (0x7F..<0xA0).contains($0.value) }
        }
        var random = SystemRandomNumberGenerator()
        var flagged = 0
        for length in 0..<40 {
            for _ in 0..<1000 {
                let text = Self.randomText(&random, length: length)
                #expect(Printer.hasControls(text) == reference(text), "\(Array(text.unicodeScalars.map(\.value)))")
                if reference(text) { flagged += 1 }
            }
        }
        #expect(flagged > 1000 && flagged < 39_000)
        for scalar in Self.pool {
            #expect(Printer.hasControls(String(scalar)) == reference(String(scalar)), "U+\(String(scalar.value, radix: 16))")
        }
        // Long clean texts (line breaks, tabs and the look-alike bytes of "¢", NBSP, "ā"), with
        // one control or none at every position, so each lands in every lane of an 8-byte word.
        let clean: [Unicode.Scalar] = ["a", "Z", " ", "\n", "\t", "¢", "\u{A0}", "ā", "Ā", "日", "😀", "é", "~"]
        let controls: [Unicode.Scalar] = ["\u{0}", "\u{1B}", "\u{7F}", "\u{85}", "\u{9F}", "\u{1F}", "\r"]
        for length in [1, 7, 8, 9, 15, 16, 17, 31, 64] {
            var scalars = (0..<length).map { _ in clean.randomElement(using: &random)! }
            #expect(!Printer.hasControls(String(String.UnicodeScalarView(scalars))))
            for position in 0..<length {
                let saved = scalars[position]
                scalars[position] = controls.randomElement(using: &random)!
                let text = String(String.UnicodeScalarView(scalars))
                #expect(Printer.hasControls(text), "\(Array(text.unicodeScalars.map(\.value)))")
                scalars[position] = saved
            }
        }
    }
}
