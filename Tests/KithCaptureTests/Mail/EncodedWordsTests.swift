import Testing
@testable import KithCapture

/// RFC 2047's own examples (§8), then what mail really carries.
@Suite struct EncodedWordsTests {
    static let cases: [(String, String)] = [
        ("(=?ISO-8859-1?Q?a?=)", "(a)"),
        ("(=?ISO-8859-1?Q?a?= b)", "(a b)"),
        ("(=?ISO-8859-1?Q?a?= =?ISO-8859-1?Q?b?=)", "(ab)"),
        ("(=?ISO-8859-1?Q?a?=  =?ISO-8859-1?Q?b?=)", "(ab)"),
        ("(=?ISO-8859-1?Q?a?=\r\n    =?ISO-8859-1?Q?b?=)", "(ab)"),
        ("(=?ISO-8859-1?Q?a_b?=)", "(a b)"),
        ("(=?ISO-8859-1?Q?a?= =?ISO-8859-2?Q?_b?=)", "(a b)"),
        ("=?ISO-8859-1?B?SWYgeW91IGNhbiByZWFkIHRoaXMgeW8=?= =?ISO-8859-2?B?dSB1bmRlcnN0YW5kIHRoZSBleGFtcGxlLg==?=",
         "If you can read this you understand the example."),
        ("=?US-ASCII*EN?Q?Keith_Moore?=", "Keith Moore"),  // RFC 2231 language
        ("Re:=?UTF-8?B?SsO8cmdlbg==?=", "Re:Jürgen"),  // glued to text
        ("=?utf-8?b?SsO8cmdlbg?=", "Jürgen"),  // no padding
        ("=?UTF-8?Q?Caf=C3?= =?UTF-8?Q?=A9?=", "Café"),  // a character split across two words
        ("=?windows-1252?Q?=93quoted=94_=80?=", "“quoted” €"),
        ("=?iso-8859-15?q?=A4?=", "€"),
        ("=?utf-8?q?a?= plain =?utf-8?q?b?=", "a plain b"),
        ("=?utf-8?q?unclosed", "=?utf-8?q?unclosed"),
        ("=?x-unknown?q?=E9t=E9?=", "=?x-unknown?q?=E9t=E9?="),
        ("=?utf-8?x?abc?=", "=?utf-8?x?abc?="),
        ("=?utf-8?q?has space?=", "=?utf-8?q?has space?="),
        ("  lots \t of\r\n  space  ", "lots of space"),
        ("plain ascii", "plain ascii"),
        ("=?UTF-8?B?5pel5pys6Kqe44Gu5Lu25ZCN?=", "日本語の件名"),
        ("=?utf-8?q?=?=", "="),  // a lone "=" in Q text is kept
    ]

    @Test(arguments: cases)
    func decodes(_ c: (String, String)) {
        #expect(EncodedWords.decode(Array(c.0.utf8)) == c.1)
    }

    @Test func rawBytesAreUTF8ElseWindows1252() {
        #expect(EncodedWords.decode([0x4A, 0xC3, 0xBC, 0x72]) == "Jür")
        #expect(EncodedWords.decode([0x4A, 0xFC, 0x72, 0x80]) == "Jür€")
    }
}
