import Testing
@testable import KithText

struct FoldingTests {
    @Test func foldsCaseAccentsApostrophesAndSpaces() {
        #expect(fold("Zoë  O’Neil") == "zoe o'neil")
        #expect(fold("  Diane\tSMITH \n") == "diane smith")
        #expect(fold("ÉLODIE") == "elodie")
        #expect(fold("") == "")
    }

    /// The ASCII lane must agree with Foundation's folding on every ASCII text, and step aside
    /// for anything else.
    @Test func asciiLaneAgreesWithFoundation() {
        var random = SeededGenerator(seed: 7)
        // Every ASCII character, with spaces and line ends weighted up so that runs of them occur.
        let alphabet = (0..<128).map { Character(Unicode.Scalar(UInt8($0))) }
            + Array(repeating: " ", count: 30) + Array(repeating: "\r\n", count: 10)
        for length in 0..<40 {
            for _ in 0..<200 {
                let text = String((0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] })
                #expect(foldASCII(text) == foldUnicode(text), "\(Array(text.utf8))")
            }
        }
        #expect(foldASCII("Zoë") == nil)
        #expect(foldASCII("O’Neil") == nil)
    }
}
