import Foundation
import Testing
import KithTime
@testable import KithLanguage

/// KithTimeTests' date-parser cases read in whole sentences by the matcher: each `past` phrase
/// in "who did I talk to <phrase>" must be `contacted` with that period, each `due` phrase in
/// "remind me to call Bob <phrase>" `remind` with that date. This holds the parser's readings to
/// what a user gets (the tokenizer, skip words and the other templates included), and
/// `TimeExpressionParser.words(of:)` to `Tokenizer`.
@Suite struct TimeSentenceTests {
    static let cases: [(kind: String, phrase: String, expected: String)] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("KithTimeTests/DateParserCases.txt")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        var cases: [(String, String, String)] = []
        for line in text.split(separator: "\n") {
            if line.lowercased().hasPrefix("# disputed") { break }
            let parts = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard !line.hasPrefix("#"), parts.count == 4 else { continue }
            cases.append((parts[1], parts[2], parts[3]))
        }
        return cases
    }()

    @Test func phrasesAreTokenizedAsTheMatcherDoes() {
        for c in Self.cases {
            #expect(TimeExpressionParser.words(of: c.phrase) == Tokenizer.tokenize(c.phrase).map(\.word), "\(c.phrase)")
        }
    }

    @Test func atLeast95PercentReadInTheirSentences() {
        let matcher = Matcher(catalogue: IntentFolder.catalogue)
        let today = CalendarDate(iso: "2026-03-10")!
        var misses: [String] = []
        for c in Self.cases {
            let due = c.kind == "due"
            let sentence = due ? "remind me to call Bob \(c.phrase)" : "who did I talk to \(c.phrase)"
            let best = matcher.best(sentence, today: today)
            var got = best?.slots[due ? "date" : "period"]?.rendered ?? "nothing"
            if !due, !got.contains(".."), got != "nothing" { got += ".." + got }
            if best?.intent != (due ? "remind" : "contacted") || got != c.expected {
                misses.append("  \(sentence) → \(best?.intent ?? "nothing") \(got), expected \(c.expected)")
            }
        }
        let rate = Double(Self.cases.count - misses.count) / Double(max(1, Self.cases.count))
        print("date-parser cases in sentences: \(Self.cases.count - misses.count)/\(Self.cases.count)"
              + (misses.isEmpty ? "" : "; misses:\n" + misses.joined(separator: "\n")))
        #expect(Self.cases.count >= 300)
        #expect(rate >= 0.95)
    }
}
