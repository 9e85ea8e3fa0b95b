import Testing
@testable import KithText

/// Kith's folding rule (docs/folding.md), held to Unicode's data as the standard library carries
/// it — general categories, combining classes, case mappings and canonical equivalence (`==`) —
/// which is independent of Python's `unicodedata`, the table's source.
struct FoldingTests {
    @Test(arguments: [
        ("Zoë  O’Neil", "zoe o'neil"), ("  Diane\tSMITH \n", "diane smith"), ("ÉLODIE", "elodie"), ("", ""),
        ("JOSÉ", "jose"), ("José", "jose"), ("Zoe\u{308}", "zoe"), ("Ångström", "angstrom"), ("\u{212B}", "a"),
        ("Straße", "strasse"), ("ΟΔΥΣΣΕΥΣ", "οδυσσευσ"), ("Οδυσσεύς", "οδυσσευσ"), ("İstanbul", "istanbul"),
        ("\u{FB03}", "ffi"), ("\u{2126}", "\u{3C9}"), ("\u{1EC7}", "e"), ("Nguyễn", "nguyen"),
        ("e\u{301}", "e"), ("\u{301}", ""), ("a \u{301}b", "a b"), ("é\u{A0}\u{2003}x", "e x"),
        ("한", "\u{1112}\u{1161}\u{11AB}"), ("\u{1112}\u{1161}\u{11AB}", "\u{1112}\u{1161}\u{11AB}"),
        ("👍🏽", "👍🏽"), ("❤\u{FE0F}", "❤"), ("1\u{FE0F}\u{20E3}", "1"), ("王小明", "王小明"), ("Łukasz", "łukasz"),
        ("\u{5D0}\u{5BC}\u{5B8}", "\u{5D0}"), ("Дмитрий", "дмитрии"), ("\u{3000}x\u{2028}", "x"),
    ])
    func foldsNamesAsTheRuleSays(text: String, folded: String) {
        #expect(Array(fold(text).unicodeScalars) == Array(folded.unicodeScalars),
                "\(fold(text).unicodeScalars.map { String($0.value, radix: 16) })")
    }

    /// What a person types finds what they stored, whatever the case and accents.
    @Test func caseAndAccentsNeverMatter() {
        #expect(fold("zoe") == fold("Zoë"))
        #expect(fold("JOSÉ") == fold("José"))
        #expect(fold("jose") == fold("Jose\u{301}"))
        #expect(fold("o'neil") == fold("O’Neil"))
    }

    /// The ASCII lane is the rule on ASCII: lower case, white space runs as one space.
    @Test func asciiLaneIsTheRule() {
        var random = SeededGenerator(seed: 7)
        let alphabet = (0..<128).map { Character(Unicode.Scalar(UInt8($0))) }
            + Array(repeating: " ", count: 30) + Array(repeating: "\r\n", count: 10)
        for length in 0..<40 {
            for _ in 0..<200 {
                let text = String((0..<length).map { _ in random.pick(alphabet) })
                let expected = text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
                #expect(foldASCII(text) == expected, "\(Array(text.utf8))")
                #expect(foldUnicode(text) == expected, "\(Array(text.utf8))")
            }
        }
        #expect(foldASCII("Zoë") == nil)
        #expect(foldASCII("O’Neil") == nil)
    }

    /// The scalars the table was made for: those Unicode 14.0 had (Python's unicodedata), which
    /// the standard library's newer data agrees on.
    static let covered: [Unicode.Scalar] = (UInt32(0x80)...0x10FFFF).compactMap(Unicode.Scalar.init).filter {
        guard let age = $0.properties.age else { return false }
        return age.major < 14 || (age.major == 14 && age.minor == 0)
    }

    static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        return properties.generalCategory == .nonspacingMark || properties.generalCategory == .enclosingMark
            || properties.canonicalCombiningClass.rawValue != 0
    }

    /// Every scalar alone: marks fold to nothing; a fold has no marks, nothing case folding would
    /// change, and folds to itself; folding after the standard library's lowercasing changes
    /// nothing (Unicode promises casefold(lower(x)) = casefold(x)); white space is one space.
    @Test func everyScalarAloneKeepsTheRule() {
        #expect(Self.covered.count > 140_000)
        var failures: [String] = []
        for scalar in Self.covered {
            let alone = String(scalar)
            let folded = fold(alone)
            let hex = "U+" + String(scalar.value, radix: 16)
            if Self.isMark(scalar) {
                if !folded.isEmpty { failures.append("\(hex) is a mark") }
                continue
            }
            if scalar.isWhitespace {
                if !folded.isEmpty { failures.append("\(hex) is white space") }
                continue
            }
            if folded.unicodeScalars.contains(where: Self.isMark) { failures.append("\(hex) folds to a mark") }
            if folded.unicodeScalars.contains(where: \.properties.changesWhenCaseFolded) {
                failures.append("\(hex) folds to something case folding changes")
            }
            if fold(folded).utf8.elementsEqual(folded.utf8) == false { failures.append("\(hex) folds twice") }
            if !fold(scalar.properties.lowercaseMapping).utf8.elementsEqual(folded.utf8) {
                failures.append("\(hex): folding its lowercase differs")
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(30))")
    }

    /// Every scalar that is canonically equivalent to a base and one or two marks — the standard
    /// library's `==` (and so its hashing) says which: "é" is "e" and U+0301 — folds as that
    /// spelling does.
    @Test func canonicalEquivalentsFoldAlike() {
        var precomposed: [String: Unicode.Scalar] = [:]
        for scalar in Self.covered where scalar.value < 0x3000 && !Self.isMark(scalar) { precomposed[String(scalar)] = scalar }
        let marks = (UInt32(0x300)...0x36F).compactMap(Unicode.Scalar.init) + ["\u{323}", "\u{328}", "\u{31B}", "\u{345}"]
        let bases = (UInt32(0x41)...0x7A).compactMap(Unicode.Scalar.init) + (UInt32(0x391)...0x3C9).compactMap(Unicode.Scalar.init)
            + (UInt32(0x410)...0x44F).compactMap(Unicode.Scalar.init) + ["ø", "æ", "Ø", "Æ", "ʒ", "Ʒ"]
        var checked = 0
        for base in bases {
            for first in marks {
                for second in [nil] + marks.prefix(8).map(Optional.some) {
                    let spelled = String(base) + String(first) + (second.map(String.init) ?? "")
                    guard let scalar = precomposed[spelled] else { continue }
                    checked += 1
                    #expect(fold(String(scalar)).utf8.elementsEqual(fold(spelled).utf8), "U+\(String(scalar.value, radix: 16))")
                }
            }
        }
        #expect(checked > 400)
    }

    /// Random text in the scripts names are written in, with marks in runs and in either order,
    /// composed and decomposed, Hangul syllables and jamo: when the standard library calls two
    /// texts equal (canonical equivalence), they fold to the same bytes; and two folds are equal
    /// as `String`s exactly when their bytes are (a fold is in one normal form).
    @Test func equalTextsFoldToEqualBytes() {
        var random = SeededGenerator(seed: 2024)
        let pieces: [[String]] = [
            ["a", "e", "o", "u", "A", "E", "O", "n", "c", "s", "z", " ", "  ", "\t"],
            ["é", "e\u{301}", "É", "E\u{301}", "ệ", "e\u{323}\u{302}", "e\u{302}\u{323}", "ê\u{323}", "ẹ\u{302}"],
            ["ñ", "n\u{303}", "ç", "c\u{327}", "ö", "o\u{308}", "Å", "A\u{30A}", "\u{212B}", "ǻ", "a\u{30A}\u{301}"],
            ["한", "\u{1112}\u{1161}\u{11AB}", "가", "\u{1100}\u{1161}", "각", "\u{1100}\u{1161}\u{11A8}"],
            ["ά", "α\u{301}", "\u{1F71}", "ᾳ", "α\u{345}", "ΐ", "ι\u{308}\u{301}", "Σ", "ς", "σ"],
            ["\u{2126}", "Ω", "\u{212A}", "K", "ß", "ss", "ﬁ", "fi", "’", "'", "\u{F900}", "豈"],
            ["\u{5D0}\u{5B8}\u{5BC}", "\u{5D0}\u{5BC}\u{5B8}", "\u{628}\u{651}\u{64E}", "\u{628}\u{64E}\u{651}", "ก\u{E48}\u{E38}", "ก\u{E38}\u{E48}"],
        ]
        var equalPairs = 0
        for _ in 0..<20_000 {
            var x = "", y = ""
            for _ in 0..<Int(random.next() % 6) {
                let group = random.pick(pieces)
                x += random.pick(group)
                y += random.pick(group)
            }
            let fx = fold(x), fy = fold(y)
            if x == y {
                equalPairs += 1
                #expect(fx.utf8.elementsEqual(fy.utf8), "\(x.debugDescription) \(y.debugDescription)")
            }
            #expect((fx == fy) == fx.utf8.elementsEqual(fy.utf8), "\(x.debugDescription) \(y.debugDescription)")
        }
        #expect(equalPairs > 2_000)
    }

    /// The table is sorted, as its binary searches need, and folds only scalars beyond ASCII.
    @Test func tableIsSorted() {
        let starts = stride(from: 0, to: FoldingTable.folds.count, by: 4).map { FoldingTable.folds[$0] }
        #expect(starts.first! >= 0x80)
        #expect(zip(starts, starts.dropFirst()).allSatisfy { $0 < $1 })
        let ranges = FoldingTable.dropped
        #expect(zip(ranges, ranges.dropFirst()).allSatisfy { $0.upperBound < $1.lowerBound })
        #expect(FoldingTable.unicodeVersion == "14.0.0")
    }
}
