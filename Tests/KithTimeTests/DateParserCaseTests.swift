import Foundation
import Testing
@testable import KithTime

/// The time expressions of six date parsers' public test suites (chrono, Duckling,
/// Recognizers-Text, natty, chronic, dateparser), resolved by spec §4's rules against Tuesday
/// 2026-03-10: DateParserCases.txt, `source | kind | phrase | expected`.
///
/// A `past` phrase is read as it stands in "who did I talk to <phrase>": past leaning, the whole
/// phrase one expression, its run of days `START..END`. A `due` phrase is read as in "remind me to
/// call Bob <phrase>": future leaning, the whole phrase, one day (a period's first, as the `due`
/// slot takes it). Cases under the file's "disputed" header contradict the spec (each says why)
/// and are reported but not counted.
@Suite struct DateParserCaseTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let line: Int
        let source: String
        let kind: String
        let phrase: String
        let expected: String
        let disputed: Bool
        var testDescription: String { "DateParserCases.txt:\(line) \(kind) \"\(phrase)\"" }
    }

    static let today = CalendarDate(iso: "2026-03-10")!

    static let cases: [Case] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("DateParserCases.txt")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        var disputed = false
        var cases: [Case] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.lowercased().hasPrefix("# disputed") { disputed = true }
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            let parts = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 4 else {
                cases.append(Case(line: index + 1, source: "malformed", kind: "", phrase: line, expected: "", disputed: disputed))
                continue
            }
            cases.append(Case(line: index + 1, source: parts[0], kind: parts[1], phrase: parts[2], expected: parts[3],
                              disputed: disputed))
        }
        return cases
    }()

    static var counted: [Case] { cases.filter { !$0.disputed } }

    /// What Kith reads for the case, in the case's notation ("START..END" or one date), with
    /// the rule that read it; nil when the whole phrase is not one expression.
    static func reading(_ c: Case) -> (value: String, rule: String)? {
        let words = TimeExpressionParser.words(of: c.phrase)
        let parser = TimeExpressionParser(today: today)
        let leaning: TimeLeaning = c.kind == "due" ? .future : .past
        guard let match = parser.parse(words[...], leaning: leaning).first(where: { $0.length == words.count })
        else { return nil }
        let period = match.value.period
        return (c.kind == "due" ? period.start.iso : "\(period.start.iso)..\(period.end.iso)", match.rule)
    }

    static func isRead(_ c: Case) -> Bool { reading(c)?.value == c.expected }

    @Test func theTableIsWellFormed() {
        #expect(Self.cases.count >= 300)
        #expect(!Self.cases.contains { $0.source == "malformed" })
        #expect(Self.cases.allSatisfy { ["past", "due"].contains($0.kind) })
        #expect(Self.cases.allSatisfy { $0.kind == "due" ? CalendarDate(iso: $0.expected) != nil : $0.expected.contains("..") })
    }

    /// Each case on its own: a miss is a known issue (the rate below is the bar), so the list of
    /// results shows every phrase and what it was read as.
    @Test(arguments: counted)
    func caseIsRead(_ c: Case) {
        let got = Self.reading(c)
        withKnownIssue("not read as the table says", isIntermittent: true) {
            #expect(got?.value == c.expected, "read as \(got.map { "\($0.value) (\($0.rule))" } ?? "nothing")")
        }
    }

    @Test func atLeast95PercentAreRead() {
        var misses: [String] = []
        var bySource: [String: (read: Int, all: Int)] = [:]
        for c in Self.counted {
            let got = Self.reading(c)
            let ok = got?.value == c.expected
            bySource[c.source, default: (0, 0)].all += 1
            if ok { bySource[c.source, default: (0, 0)].read += 1 }
            if !ok {
                misses.append("  line \(c.line) [\(c.source) \(c.kind)] \(c.phrase)\n    expected \(c.expected)"
                              + "\n    got      \(got.map { "\($0.value) (\($0.rule))" } ?? "nothing")")
            }
        }
        let total = Self.counted.count
        let rate = Double(total - misses.count) / Double(max(1, total))
        let perSource = bySource.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value.read)/\($0.value.all)" }
        print("date-parser cases: \(total - misses.count)/\(total) read (\(Int((rate * 1000).rounded()) / 10)%); "
              + perSource.joined(separator: ", ") + "; \(Self.cases.count - total) disputed, not counted")
        if !misses.isEmpty { print("misses:\n" + misses.joined(separator: "\n")) }
        let disputed = Self.cases.filter(\.disputed)
        if !disputed.isEmpty {
            print("disputed:\n" + disputed.map { c in
                "  line \(c.line) [\(c.source) \(c.kind)] \(c.phrase): table \(c.expected), Kith "
                    + (Self.reading(c).map { "\($0.value) (\($0.rule))" } ?? "nothing")
            }.joined(separator: "\n"))
        }
        #expect(rate >= 0.95, "\(misses.count) misses")
    }
}
