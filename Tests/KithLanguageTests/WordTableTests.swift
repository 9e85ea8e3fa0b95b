import Testing
@testable import KithLanguage

/// `WordTable.id` finds the word `==` to the one asked for, as a scan of the words with `==`
/// would, however either is spelled (precomposed, decomposed, the Kelvin and Ohm signs).
struct WordTableTests {
    @Test func findsWhatAScanWithEqualsFinds() {
        let words = ["k", "K", "zoë", "café", "Ω", "ohm", ";", "`", "é", "e", "naïve", "who", "Åsa", "σ"]
        let table = WordTable(words)
        let asked = words + ["\u{212A}", "zoe\u{308}", "cafe\u{301}", "\u{2126}", "\u{37E}", "\u{1FEF}", "e\u{301}",
                             "nai\u{308}ve", "A\u{30A}sa", "\u{212B}sa", "Zoë", "x", "zoe", "", "日本", "\u{3C2}"]
        for word in asked {
            let expected = words.firstIndex(of: word).map(Int32.init) ?? -1
            #expect(table.id(word) == expected, "\(Array(word.unicodeScalars.map(\.value)))")
        }
    }
}
