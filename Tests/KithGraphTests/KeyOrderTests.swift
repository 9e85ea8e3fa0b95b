import KithText
import Testing
@testable import KithGraph

/// The image's key tables sort folded keys by their bytes, and its name order is `NameSortKey`'s;
/// lookups binary-search with the same byte comparisons.
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

    static func precedes(_ a: String, _ b: String) -> Bool { Array(a.utf8).lexicographicallyPrecedes(Array(b.utf8)) }

    /// Ranks are the order of the bytes, and equal ranks equal bytes.
    @Test func ranksAreTheOrderOfTheBytes() {
        var random = SeededGenerator(seed: 3)
        var texts = Self.tricky
        for _ in 0..<400 {
            texts.append((0..<(1 + random.below(4))).map { _ in random.pick(Self.tricky) }.joined())
        }
        let (ranks, count) = Self.ranks(texts)
        #expect(Set(ranks).count == count)
        for i in texts.indices {
            for j in texts.indices {
                #expect((ranks[i] < ranks[j]) == Self.precedes(texts[i], texts[j]), "\(texts[i].debugDescription) \(texts[j].debugDescription)")
                #expect((ranks[i] == ranks[j]) == Array(texts[i].utf8).elementsEqual(texts[j].utf8))
            }
        }
    }

    /// On folded keys that is `String`'s equality: a fold is in one normal form, so keys that are
    /// canonically equivalent have the same bytes and share a rank.
    @Test func onFoldedKeysEqualRanksAreEqualStrings() {
        var random = SeededGenerator(seed: 4)
        var texts = Self.tricky.map(fold)
        for _ in 0..<400 {
            texts.append(fold((0..<(1 + random.below(4))).map { _ in random.pick(Self.tricky) }.joined()))
        }
        let (ranks, _) = Self.ranks(texts)
        for i in texts.indices {
            for j in texts.indices {
                #expect((ranks[i] == ranks[j]) == (texts[i] == texts[j]), "\(texts[i].debugDescription) \(texts[j].debugDescription)")
            }
        }
    }

    /// Enough keys for the radix sort, with long runs that agree on their first 8 and 16 bytes.
    @Test func manyKeysSortByBytes() {
        var random = SeededGenerator(seed: 5)
        let firsts = ["christopher", "alexandra", "maximilian", "ana", "zoë", "Łukasz", "e\u{301}mile", "émile", "bo"]
        let lasts = ["smith", "smithson", "smyth", "o'neill", "núñez", "nun\u{303}ez", "x", ""]
        var texts: [String] = []
        for _ in 0..<20_000 {
            let first = random.pick(firsts)
            let last = random.pick(lasts)
            texts.append(random.below(5) == 0 ? first : "\(first) \(last)\(random.below(40))")
        }
        let (ranks, count) = Self.ranks(texts)
        let distinct = Array(Set(texts.map { Array($0.utf8) })).sorted { $0.lexicographicallyPrecedes($1) }
        let rankOf = Dictionary(uniqueKeysWithValues: distinct.enumerated().map { ($1, $0) })
        #expect(count == distinct.count)
        for (index, text) in texts.enumerated() where rankOf[Array(text.utf8)] != Int(ranks[index]) {
            Issue.record("\(text.debugDescription): rank \(ranks[index]), expected \(rankOf[Array(text.utf8)]!)")
            break
        }
    }

    @Test func countingSortKeepsOrderWithinARank() {
        let ranks: [UInt32] = [2, 0, 1, 0, 2, 1, 0]
        #expect(KeyOrder.countingSort(ranks, 3) == [1, 3, 6, 2, 5, 0, 4])
        #expect(KeyOrder.countingSort(ranks, 3, order: [6, 5, 4, 3, 2, 1, 0]) == [6, 3, 1, 5, 2, 4, 0])
    }

    /// People go by folded name, then by name as written, then id — in the image and in memory.
    @Test func peopleGoByFoldedNameThenNameThenID() throws {
        let names = ["Zoë Laurent", "zoe laurent", "Émile Roy", "Emile Roy", "de Souza", "Diane Smith", "Zack", "adam",
                     "Zoe\u{308} Laurent", "Ølaf", "Olaf", "한지민", "Diane Smith"]
        let operations = names.enumerated().map { Operation.put(.person(Person(id: $0.offset + 1, name: $0.element))) }
        let expected = names.indices.map { (NameSortKey(names[$0]), $0 + 1) }
            .sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }.map(\.1)
        #expect(Array(expected.prefix(2)) == [1 + names.firstIndex(of: "adam")!, 1 + names.firstIndex(of: "de Souza")!])
        #expect(GraphImageTests.memoryGraph(operations).peopleByName.map(\.id) == expected)
        let fromImage = try GraphImageTests.imageGraph(operations)
        #expect(fromImage.peopleByName.map(\.id) == expected)
        // Half in the image, half changed since: merged in the same order.
        var mixed = try GraphImageTests.imageGraph(operations.enumerated().filter { $0.offset % 2 == 0 }.map(\.element))
        mixed.apply(operations.enumerated().filter { $0.offset % 2 == 1 }.map(\.element))
        #expect(mixed.peopleByName.map(\.id) == expected)
        #expect(mixed.personIDsByName == expected)
        #expect(mixed.sortedPeople(expected.reversed()).map(\.id) == expected)
        #expect(fromImage.personIDsByName == expected)
    }
}
