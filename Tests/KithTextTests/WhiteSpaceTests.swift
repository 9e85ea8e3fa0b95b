import Testing
@testable import KithText

/// Kith's one white-space rule: Unicode's White_Space property.
struct WhiteSpaceTests {
    @Test func trimmingTakesWhiteSpaceOffTheEnds() {
        #expect(" \t a b \n".trimmed == "a b")
        #expect("\u{3000}x\u{A0}".trimmed == "x")
        #expect("\u{200B}x".trimmed == "\u{200B}x")  // ZERO WIDTH SPACE is not white space
        #expect(" \u{301}".trimmed == "\u{301}")
        #expect("   ".trimmed == "")
        #expect("ab"[...].trimmed == "ab")
    }

    /// The rule on scalars is the standard library's on a Character of one scalar.
    @Test func scalarsAreWhiteSpaceAsCharactersAre() {
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            #expect(scalar.isWhitespace == Character(scalar).isWhitespace, "U+\(String(value, radix: 16))")
        }
    }
}
