import Foundation
import KithText
import KithTime
import Testing
@testable import KithEngine
@testable import KithLanguage

/// The compiled matcher (`MatchProgram`, word numbers, shared slot entries) must read every
/// sentence exactly as the straightforward matcher it replaced (`ReferenceMatcher`, kept in
/// this target): the same recognitions, in the same order, with the same slots, scores and
/// typos — with and without typo tolerance, from the compiled catalogue and from the folder.
@Suite struct MatcherDifferentialTests {
    static let today = CalendarDate(year: 2026, month: 3, day: 10)!

    /// Corpus lines, every example, sample sentences from every template, and awkward variants.
    static let sentences: [String] = {
        let catalogue = Catalogue.builtIn()
        var sentences = ParaphraseCorpusTests.positives.map(\.sentence) + ParaphraseCorpusTests.negatives
        sentences += catalogue.intents.flatMap { $0.examples.map(\.sentence) }
        for intent in catalogue.intents {
            for template in intent.sentences {
                sentences += catalogue.samples(of: template.pattern, limit: 6)
            }
        }
        let some = stride(from: 0, to: sentences.count, by: 7).map { sentences[$0] }
        sentences += some.map { "please " + $0.uppercased() + "?" }
        sentences += some.map { "Could you tell me " + $0 + ", thanks!" }
        sentences += some.map { $0.replacingOccurrences(of: "'", with: "’") }
        sentences += [
            "", "   ", "?!", "please", "thanks", "what's Diane's email", "the Joneses' dog", "James' number",
            "who haven't I talked to since 2026-01-03", "remind me to call Bob every 2 weeks",
            "Ruth, Bob and Carol are friends", "had coffee with Bob, Carol & Diane yesterday",
            "who is Zoë Laurent", "tell me about Nguyễn Thị Ánh", "note that Bob loves \"hiking\" (a lot)",
            "who did I talk to on 3/4", "abt Diane", "whos my closest friend", "i'd like to log a call w Bob",
            String(repeating: "who is Bob and ", count: 20),
            String(repeating: "remember that ", count: 30) + "Bob likes tea",
        ]
        return sentences
    }()

    static let builtIn = Catalogue.builtIn()
    static let folder = try! CompiledIntentsTests.folderCatalogue()

    func compare(_ catalogue: Catalogue, _ sentences: [String], toleratingTypos: Bool) {
        let fast = Matcher(catalogue: catalogue), reference = ReferenceMatcher(catalogue: catalogue)
        var differences = 0
        for sentence in sentences {
            let got = fast.recognize(sentence, today: Self.today, toleratingTypos: toleratingTypos)
            let expected = reference.recognize(sentence, today: Self.today, toleratingTypos: toleratingTypos)
            if got != expected {
                differences += 1
                if differences <= 5 {
                    Issue.record("\"\(sentence)\" (typos \(toleratingTypos)):\n  got      \(got.map(describe))\n  expected \(expected.map(describe))")
                }
            }
            #expect(fast.tokens(of: sentence) == reference.tokens(of: sentence))
        }
        #expect(differences == 0)
    }

    func describe(_ recognition: Recognition) -> String {
        "\(recognition.intent) \(recognition.template.line) \(recognition.score)/\(recognition.typos) "
            + recognition.slots.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.rendered)" }.joined(separator: ",")
    }

    @Test func exactReadingsAreTheReferences() {
        compare(Self.builtIn, Self.sentences, toleratingTypos: false)
    }

    @Test func readingsFromCheckedBytesAreTheReferences() throws {
        // `Catalogue(compiled:)` decodes every part at once; the built-in catalogue
        // (`init(compiledStatic:)`, the program from the literal) is compared above.
        let decoded = try Catalogue(compiled: Self.folder.compiled())
        #expect(decoded.matchProgram?.sentenceTemplates == nil)
        compare(decoded, stride(from: 1, to: Self.sentences.count, by: 3).map { Self.sentences[$0] },
                toleratingTypos: false)
    }

    @Test func readingsFromTheFolderAreTheReferences() {
        // A catalogue loaded from text has no program: the matcher compiles its own patterns.
        #expect(Self.folder.matchProgram == nil)
        #expect(Self.builtIn.matchProgram != nil)
        #expect(Self.builtIn.matchProgram?.sentenceTemplates == nil)
        compare(Self.folder, stride(from: 0, to: Self.sentences.count, by: 3).map { Self.sentences[$0] },
                toleratingTypos: false)
    }

    @Test func typoReadingsAreTheReferences() {
        // Typo tolerance tries every template: the corpus (a tenth of it typed with a slip) and
        // every example with a letter swapped or dropped.
        var sentences = ParaphraseCorpusTests.positives.map(\.sentence) + ParaphraseCorpusTests.negatives
        for (i, example) in Self.builtIn.intents.flatMap({ $0.examples.map(\.sentence) }).enumerated() {
            var characters = Array(example)
            let at = 1 + (i * 7) % max(1, characters.count - 2)
            if at + 1 < characters.count {
                if i % 2 == 0 { characters.swapAt(at, at + 1) } else { characters.remove(at: at) }
            }
            sentences.append(String(characters))
        }
        compare(Self.builtIn, sentences, toleratingTypos: true)
    }

    /// The program's word table finds what a dictionary of the words finds: equal bytes, and
    /// words equal only as Unicode (a composed and a decomposed accent, "K" and the Kelvin sign).
    @Test func wordNumbersAreADictionarys() {
        let words = ["caf\u{E9}", "K", "na\u{EF}ve", "\u{212B}ngstr\u{F6}m", "who", "'s", ""]
        let table = WordTable(words)
        let dictionary = Dictionary(uniqueKeysWithValues: words.enumerated().map { ($0.element, Int32($0.offset)) })
        var queries = words + ["cafe\u{301}", "\u{212A}", "nai\u{308}ve", "A\u{30A}ngstro\u{308}m", "\u{C5}ngstr\u{F6}m",
                               "whom", "wh", "caf", "k", "S", "x"]
        queries += Self.builtIn.matchProgram!.words
        for query in queries {
            #expect(table.id(query) == dictionary[query] ?? -1, "\(query.debugDescription)")
        }
        let program = Self.builtIn.matchProgram!
        for (number, word) in program.words.enumerated() { #expect(program.wordID(word) == Int32(number)) }
    }

    /// The ASCII tokenizer gives the tokens the character-by-character one gives.
    @Test func asciiTokensAreTheReferences() {
        var random = SeededGenerator(seed: 5)
        let alphabet = Array("aB'sS .,!?;:\"()[]\t\n\r\u{0B}\u{0C}\u{1C}\u{1F}x-’é")
        var texts = Self.sentences
        for _ in 0..<3000 {
            texts.append(String((0..<Int.random(in: 0...24, using: &random)).map { _ in alphabet.randomElement(using: &random)! }))
        }
        texts += ["s'", "'s", "x's", "X'S", "S'", "ss'", "a\r\nb", "\r\n's", "(Bob's)", "''s", "'", "\"'s\""]
        for text in texts {
            #expect(Tokenizer.tokenize(text) == ReferenceTokenizer.tokenize(text), "\(text.debugDescription)")
            #expect(Tokenizer.isTooLong(text) == ReferenceTokenizer.isTooLong(text))
        }
        for length in [499, 500, 501, 2000, 2001] {
            let text = String(repeating: "a", count: length)
            #expect(Tokenizer.isTooLong(text) == ReferenceTokenizer.isTooLong(text))
            #expect(Tokenizer.isTooLong(text + "\r\n") == ReferenceTokenizer.isTooLong(text + "\r\n"))
        }
    }
}
