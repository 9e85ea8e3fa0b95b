import KithText
import Testing
@testable import KithGraph

/// The image's key tables and name order sort by bytes (NFC bytes for text beyond ASCII); that
/// must be `String`'s order, and its equality, exactly — lookups binary-search these tables with
/// `String` comparisons.
@Suite struct KeyOrderTests {
    static let tricky = [
        "", "a", "A", "b", "ab", "a b", "a\u{0}", "a\u{0}b", "\u{0}", "\u{7F}", "z", "~", "zz",
        "é", "e\u{301}", "e", "ea", "f", "ée", "e\u{301}e", "e\u{301}\u{323}", "e\u{323}\u{301}", "ẹ́",
        "\u{212A}", "K", "k", "Kelvin", "\u{212A}elvin", "\u{2126}", "Ω", ";", "\u{37E}", "`", "\u{1FEF}",
        "Å", "A\u{30A}", "\u{212B}", "ß", "ss", "ﬁ", "fi", "한", "\u{1112}\u{1161}\u{11AB}", "日本", "☕️", "☕",
        "𝄞", "\u{FFFD}", "\u{10FFFF}", "łukasz", "lukasz", "Łukasz", "zoë", "zoe\u{308}", "zoe", "Ø", "o\u{338}",
        "christopher", "christopher smith", "christopher smyth", "christopher", "christophe", "christopherx",
        "abcdefgh", "abcdefghi", "abcdefgh\u{0}", "abcdefgh\u{301}", "abcdefghé", "abcdefghijklmnop", "abcdefghijklmnopq",
        "abcdefghijklmnoé", "abcdefghijklmnoe\u{301}",
    ]

    static func ranks(_ texts: [String]) -> (ranks: [UInt32], count: Int) {
        let blocks = texts.map { text in
            let block = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(text.utf8.count, 1))
            _ = block.initialize(from: text.utf8)
            return (block, text.utf8.count)
        }
        defer { blocks.forEach { $0.0.deallocate() } }
        return KeyOrder.ranks(blocks.map { UnsafeBufferPointer(rebasing: $0.0[0..<$0.1]) })
    }

    static func nfc(_ text: String) -> [UInt8] { text._nfcCodeUnits }

    /// The order is that of the NFC forms' bytes, and equality is canonical equivalence: what
    /// `String` means by `<` and `==`.
    @Test func ranksAreTheOrderOfNFCBytes() {
        var random = SeededGenerator(seed: 3)
        var texts = Self.tricky
        for _ in 0..<400 {
            texts.append((0..<(1 + Int(random.next() % 4))).map { _ in Self.tricky[Int(random.next() % UInt64(Self.tricky.count))] }.joined())
        }
        let (ranks, count) = Self.ranks(texts)
        #expect(Set(ranks).count == count)
        let forms = texts.map(Self.nfc)
        for i in texts.indices {
            for j in texts.indices {
                #expect((ranks[i] < ranks[j]) == forms[i].lexicographicallyPrecedes(forms[j]),
                        "\(texts[i].debugDescription) \(texts[j].debugDescription)")
                #expect((ranks[i] == ranks[j]) == (texts[i] == texts[j]), "\(texts[i].debugDescription) \(texts[j].debugDescription)")
            }
        }
    }

    /// On text in NFC — what people type, and what every name in the reference stores is —
    /// that is `String`'s `<` exactly. (On other text Swift 6.3's `<` is not always an order:
    /// "Kf" < "\u{212A}" (KELVIN SIGN), yet "\u{212A}" == "K" < "Kf"; and "e\u{301}" and "ée"
    /// are neither equal nor either below the other. No sorted table can agree with it there;
    /// the NFC order is the one it means.)
    @Test func onTextInNFCRanksAreStringOrder() {
        var random = SeededGenerator(seed: 4)
        var texts = Self.tricky.map { String(decoding: Self.nfc($0), as: UTF8.self) }
        for _ in 0..<400 {
            texts.append((0..<(1 + Int(random.next() % 4))).map { _ in texts[Int(random.next() % UInt64(Self.tricky.count))] }.joined())
        }
        texts = texts.filter { Array($0.utf8) == Self.nfc($0) }
        let (ranks, _) = Self.ranks(texts)
        for i in texts.indices {
            for j in texts.indices {
                #expect((ranks[i] < ranks[j]) == (texts[i] < texts[j]), "\(texts[i].debugDescription) \(texts[j].debugDescription)")
                #expect((ranks[i] == ranks[j]) == (texts[i] == texts[j]), "\(texts[i].debugDescription) \(texts[j].debugDescription)")
            }
        }
    }

    /// Enough keys for the radix sort, with long runs that agree on their first 8 and 16 bytes.
    @Test func manyKeysSortAsStrings() {
        var random = SeededGenerator(seed: 5)
        let firsts = ["christopher", "alexandra", "maximilian", "ana", "zoë", "Łukasz", "e\u{301}mile", "émile", "bo"]
        let lasts = ["smith", "smithson", "smyth", "o'neill", "núñez", "nun\u{303}ez", "x", ""]
        var texts: [String] = []
        for _ in 0..<20_000 {
            let first = firsts[Int(random.next() % UInt64(firsts.count))]
            let last = lasts[Int(random.next() % UInt64(lasts.count))]
            texts.append(random.next() % 5 == 0 ? first : "\(first) \(last)\(random.next() % 40)")
        }
        let (ranks, count) = Self.ranks(texts)
        // Expected: distinct NFC forms in byte order; and on the texts in NFC, `String`'s order.
        let distinct = Array(Set(texts.map(Self.nfc))).sorted { $0.lexicographicallyPrecedes($1) }
        let rankOf = Dictionary(uniqueKeysWithValues: distinct.enumerated().map { ($1, $0) })
        #expect(count == distinct.count)
        for (index, text) in texts.enumerated() where rankOf[Self.nfc(text)] != Int(ranks[index]) {
            Issue.record("\(text.debugDescription): rank \(ranks[index]), expected \(rankOf[Self.nfc(text)]!)")
            break
        }
        let inNFC = texts.indices.filter { Array(texts[$0].utf8) == Self.nfc(texts[$0]) }
        let byString = inNFC.sorted { texts[$0] < texts[$1] }
        for (a, b) in zip(byString, byString.dropFirst()) where ranks[a] > ranks[b] || (ranks[a] == ranks[b]) != (texts[a] == texts[b]) {
            Issue.record("\(texts[a].debugDescription) before \(texts[b].debugDescription) as Strings, not as ranks")
            break
        }
    }

    @Test func countingSortKeepsOrderWithinARank() {
        let ranks: [UInt32] = [2, 0, 1, 0, 2, 1, 0]
        #expect(KeyOrder.countingSort(ranks, 3) == [1, 3, 6, 2, 5, 0, 4])
    }
}
