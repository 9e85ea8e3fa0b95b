import Testing
@testable import KithLanguage

/// What the matcher refuses before doing any work, which bounds the time a line can take.
@Suite struct LineLimitTests {
    @Test func characterScalarAndMarkLimits() {
        #expect(!Tokenizer.isTooLong(String(repeating: "a", count: 500)))
        #expect(Tokenizer.isTooLong(String(repeating: "a", count: 501)))
        // 400 characters of 5 scalars each: 2000 scalars is the most.
        let family = "👩‍👩‍👧"  // 5 scalars, one character
        #expect(!Tokenizer.isTooLong(String(repeating: family, count: 400)))
        #expect(Tokenizer.isTooLong(String(repeating: family, count: 400) + "a"))
        // A character with 31 combining marks is fine; with 32, refused.
        #expect(!Tokenizer.isTooLong("who is e" + String(repeating: "\u{301}", count: 31)))
        #expect(Tokenizer.isTooLong("who is e" + String(repeating: "\u{301}", count: 32)))
        #expect(!Tokenizer.isTooLong("Nguyễn Thị Ánh"))
    }
}
