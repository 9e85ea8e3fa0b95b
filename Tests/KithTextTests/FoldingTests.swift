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
                #expect(foldASCII(text) == foundationFold(text), "\(Array(text.utf8))")
                #expect(foldUnicode(text) == foundationFold(text), "\(Array(text.utf8))")
            }
        }
        #expect(foldASCII("Zoë") == nil)
        #expect(foldASCII("O’Neil") == nil)
    }

    /// Foundation's folding is not one scalar at a time; these are the ways it is not, each as
    /// Foundation does it (compared as scalars: String's `==` would forgive some of them).
    @Test(arguments: [
        ("e\u{301}", "e"), ("E\u{301}\u{302}", "e"), ("\u{301}", "\u{301}"), ("\u{301}e", "\u{301}e"),
        ("A\u{20DD}", "a"), ("a \u{301}b", "a b"), ("\u{345}", "\u{3B9}"), ("\u{3B1}\u{345}", "\u{3B1}"),
        ("ß", "ss"), ("\u{FB03}", "ffi"), ("\u{3C2}", "\u{3C3}"), ("\u{130}", "i"), ("\u{2126}", "\u{3C9}"),
        ("\u{212B}", "a"), ("\u{1EC7}", "e"),
        ("\u{D55C}", "\u{D55C}"), ("\u{1112}\u{1161}\u{11AB}", "\u{1112}\u{1161}\u{11AB}"), ("\u{F900}", "\u{F900}"),
        ("ก\u{301}", "ก"), ("ก\u{301}\u{301}", "ก\u{301}"), ("ก\u{E48}\u{E38}", "ก\u{E38}\u{E48}"),
        ("\u{531}\u{301}", "\u{561}\u{301}"), ("\u{FB13}\u{301}", "\u{574}\u{576}\u{301}"), ("\u{5D0}\u{5B8}\u{5BC}", "\u{5D0}\u{5B8}\u{5BC}"),
        ("\u{5D0}\u{5BC}\u{5B8}", "\u{5D0}\u{5B8}\u{5BC}"), ("\u{628}\u{651}\u{64E}", "\u{628}\u{64E}\u{651}"),
        ("\u{1D16D}\u{E48}", "\u{E48}\u{1D16D}"), ("ก\u{20DD}\u{344}", "ก\u{20DD}\u{308}\u{301}"),
        ("👍🏽", "👍🏽"), ("©\u{FE0F}", "©"), ("❤\u{FE0F}", "❤\u{FE0F}"), ("1\u{FE0F}\u{20E3}", "1"),
        ("O’Neil", "o'neil"), ("’\u{20DD}", "’\u{20DD}"), ("’\u{301}", "'"), ("’\u{301}\u{301}", "’\u{301}"),
        ("Zoë\u{0}\u{301}", "zoe\u{0}\u{301}"), ("é\u{A0}\u{2003}x", "e x"), ("é \u{20DD}x", "e x"),
    ])
    func foldsBeyondOneScalarAtATime(text: String, folded: String) {
        #expect(scalars(foundationFold(text)) == scalars(folded), "Foundation: \(scalars(foundationFold(text)).map(hex))")
        #expect(scalars(fold(text)) == scalars(folded), "fold: \(scalars(fold(text)).map(hex))")
    }

    /// Every scalar on its own, a call each: one argument a plane, so that planes run in parallel.
    @Test(arguments: 0..<17)
    func everyScalarAloneFoldsAsFoundation(plane: UInt32) {
        var failures = 0
        for scalar in (plane << 16)...(plane << 16 | 0xFFFF) where !(0xD800...0xDFFF).contains(scalar) {
            let probe = text([scalar])
            if scalars(fold(probe)) != scalars(foundationFold(probe)) {
                failures += 1
                if failures <= 20 { Issue.record("U+\(hex(scalar)): \(scalars(fold(probe)).map(hex))") }
            }
        }
        #expect(failures == 0)
    }

    /// Every assigned scalar where what comes before or after it matters: after a letter (a mark
    /// Latin drops?), before marks, and among the marks of bases that keep them. (Unassigned and
    /// private-use scalars, most of the code space, are left to the tests of the table.) The
    /// probes go 1,024 to a text, apart by NUL, which no step of the fold crosses.
    @Test func everyScalarInContextFoldsAsFoundation() {
        let contexts: [(UInt32) -> [UInt32]] = [
            { [0x41, $0] }, { [$0, 0x20DD] }, { [$0, 0x301] }, { [$0, 0x5B0, 0x591] },
            { [0x5D0, 0x5B0, $0, 0x591] }, { [0x531, $0, 0x301] }, { [0xE01, 0x20DD, $0, 0x5B0] },
        ]
        let all = FoundationFoldingTable.allScalars.filter {
            let category = Unicode.Scalar($0)!.properties.generalCategory
            return category != .unassigned && category != .privateUse
        }
        #expect(all.count > 150_000)
        var failures = 0
        for start in stride(from: 0, to: all.count, by: 1024) {
            let chunk = all[start..<min(start + 1024, all.count)]
            for context in contexts {
                let probes = chunk.map(context)
                let joined = text(Array(probes.joined(separator: [0])))
                guard scalars(fold(joined)) != scalars(foundationFold(joined)) else { continue }
                failures += 1
                let first = probes.first { scalars(fold(text($0))) != scalars(foundationFold(text($0))) }
                Issue.record("\((first ?? probes[0]).map(hex)) among 1,024 from U+\(hex(chunk.first!))")
            }
        }
        #expect(failures == 0)
    }

    /// `fold` finds words by scalars where that gives what `split` on Characters gives: the
    /// standard library must call a Character of one scalar white space exactly when
    /// `isWhiteSpace` does (and only ones `mayBeWhiteSpace` lets through), and `charactersBreak`
    /// must take no scalar below U+0300 for part of a Character with white space but CR LF.
    @Test func wordsFoundByScalarsAreWordsFoundByCharacters() {
        var whiteSpace: [UInt32] = []
        for scalar in [0] + FoundationFoldingTable.allScalars {
            let isWhitespace = Character(Unicode.Scalar(scalar)!).isWhitespace
            if isWhitespace { whiteSpace.append(scalar) }
            if (mayBeWhiteSpace(scalar) && isWhiteSpace(scalar)) != isWhitespace {
                Issue.record("U+\(hex(scalar)) is white space: \(isWhitespace)")
            }
        }
        #expect(whiteSpace.count >= 25)
        for space in whiteSpace {
            for other in UInt32(0)..<0x300 {
                #expect(charactersBreak(other, space) == (text([other, space]).count == 2), "U+\(hex(other)) U+\(hex(space))")
                #expect(charactersBreak(space, other) == (text([space, other]).count == 2), "U+\(hex(space)) U+\(hex(other))")
            }
        }
    }

    /// Random text from the scripts and sequences names are written in, with marks in runs and
    /// in odd places, emoji sequences and every kind of white space. Seeded: a failure repeats.
    @Test func randomTextFoldsAsFoundation() {
        var random = SeededGenerator(seed: 2024)
        func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }
        func range(_ range: ClosedRange<UInt32>) -> [[UInt32]] { range.map { [$0] } }
        let whiteSpace: [[UInt32]] = [[0x20], [0x20], [0x20, 0x20], [0x09], [0x0A], [0x0D, 0x0A], [0xA0], [0x2003],
                                      [0x3000], [0x2028], [0x85], [0x1680], [0x202F]]
        let pieces: [[[UInt32]]] = [
            range(0x21...0x7E) + range(0x41...0x5A) + range(0x61...0x7A) + range(0x30...0x39),
            range(0xC0...0xFF) + range(0x100...0x24F),
            range(0x300...0x36F),
            [[0x301, 0x301], [0x300, 0x323, 0x302], [0x20, 0x301], [0x308, 0x20DD], [0x345, 0x313]],
            range(0x370...0x3FF) + [[0x3C2], [0x3C2, 0x20], [0x1F80], [0x1FB3], [0x390]] + range(0x1F00...0x1FFF),
            range(0x400...0x52F),
            range(0x1EA0...0x1EF9) + [[0x61, 0x323, 0x302], [0x45, 0x302, 0x301], [0x1B0, 0x31B, 0x303]],
            range(0xAC00...0xAC80) + range(0xD700...0xD7A3) + range(0x1100...0x11FF) + range(0x3131...0x318E),
            range(0x4E00...0x4EFF) + range(0xF900...0xFA6D) + range(0x3040...0x30FF),
            [[0x1F44D], [0x1F44D, 0x1F3FD], [0x1F468, 0x200D, 0x1F469, 0x200D, 0x1F467],
             [0x1F469, 0x1F3FB, 0x200D, 0x1F4BB], [0x2764, 0xFE0F], [0x31, 0xFE0F, 0x20E3], [0x1F1EB, 0x1F1F7],
             [0x1F3F3, 0xFE0F, 0x200D, 0x1F308], [0x1F3FF], [0x200D], [0xFE0F], [0x200C]],
            [[0x2019], [0x2019], [0x2019, 0x301], [0x2018], [0x27]],
            [[0x20, 0x200D], [0x20, 0x93E], [0x600, 0x20], [0x110BD, 0x3000], [0x20, 0x1F3FB], [0x0D, 0x0A, 0x301],
             [0xA0, 0x20DD], [0x20, 0xFE0F], [0x3000, 0x302A], [0x20, 0x1160], [0x1100, 0x20]],
            whiteSpace, whiteSpace,
            range(0x591...0x5F4) + range(0x600...0x6FF) + range(0x900...0x97F) + range(0xE01...0xE5B),
            range(0x531...0x58A) + range(0x10A0...0x10FF) + range(0x13A0...0x13FD) + range(0xAB70...0xABBF),
            range(0xF40...0xFBC) + range(0x1D15E...0x1D172) + range(0x1B00...0x1B4C) + range(0x11100...0x11147),
            range(0x1E00...0x1EFF) + range(0x2C60...0x2C7F) + range(0xA720...0xA7FF) + range(0xFB00...0xFB4F),
            range(0x2000...0x2BFF) + range(0xFF00...0xFFEF) + range(0x10400...0x1044F) + range(0x1D400...0x1D7FF),
        ]
        var failures = 0
        for _ in 0..<30_000 {
            var sample: [UInt32] = []
            for _ in 0..<Int(random.next() % 14) { sample += pick(pick(pieces)) }
            if random.next() % 50 == 0 { sample.insert(0, at: Int(random.next() % UInt64(sample.count + 1))) }
            let string = text(sample)
            if scalars(fold(string)) != scalars(foundationFold(string)) {
                failures += 1
                if failures <= 20 {
                    Issue.record("\(sample.map(hex)): \(scalars(fold(string)).map(hex)), Foundation: \(scalars(foundationFold(string)).map(hex))")
                }
            }
        }
        #expect(failures == 0)
    }

    /// Marks after bases that keep them are put in combining-class order: every mark with a
    /// class, against marks of many classes, in every position the sort can meet it.
    @Test func marksSortAsFoundation() throws {
        let marks = FoundationFoldingTable.allScalars.filter {
            Unicode.Scalar($0)!.properties.canonicalCombiningClass.rawValue != 0 || FoldingTable.combiningClass($0) != 0
        }
        let others: [UInt32] = [0x301, 0x316, 0x334, 0x345, 0x5B0, 0x5BC, 0x64E, 0x651, 0x93C, 0x94D, 0xE38, 0xE48,
                                0xF71, 0xF72, 0xF74, 0x1DCE, 0x302A, 0x20DD, 0x1F3FB, 0xFE0F, 0x200D, 0x344, 0xF73]
        var failures = 0
        for mark in marks {
            for other in others {
                for probe in [[0xE01, mark, other], [0xE01, 0x20DD, mark, other], [0xE01, 0x20DD, other, mark],
                              [0x531, mark, other], [mark, other], [other, mark], [0x5D0, other, 0x20DD, mark, other]] {
                    let probeText = text(probe)
                    if scalars(fold(probeText)) != scalars(foundationFold(probeText)) {
                        failures += 1
                        if failures <= 20 { Issue.record("\(probe.map(hex)): \(scalars(fold(probeText)).map(hex))") }
                    }
                }
            }
        }
        #expect(failures == 0)
    }

    /// A step holds at most 64 scalars: long runs of marks, with a decomposing mark or one Latin
    /// drops where the step fills up.
    @Test func longRunsOfMarksFoldAsFoundation() {
        var failures = 0
        for count in 55...70 {
            for base: [UInt32] in [[0xE01], [0x531], [0x5D0], [0x41], [], [0x20]] {
                for filler: UInt32 in [0x20DD, 0x5B0, 0x301, 0xE48] {
                    for tail: [UInt32] in [[], [0x344], [0xF73], [0xF76], [0x301, 0x301], [0x5B0, 0x591], [0x20DD]] {
                        let probe = base + Array(repeating: filler, count: count) + tail + [0x5B0, 0x301, 0x20DD]
                        let probeText = text(probe)
                        if scalars(fold(probeText)) != scalars(foundationFold(probeText)) {
                            failures += 1
                            if failures <= 20 { Issue.record("\(base.map(hex)) + \(count) × U+\(hex(filler)) + \(tail.map(hex))") }
                        }
                    }
                }
            }
        }
        #expect(failures == 0)
    }
}
