import Foundation
import Testing
@testable import KithEngine
import KithGraph
import KithLanguage

/// Real-world phrasings, written apart from the templates, with the intent and slots each must
/// yield (Corpus/positive.txt), and lines that must match nothing (Corpus/negative.txt).
///
/// Understanding improves by changing `intents/` and the shared matcher, never by special cases
/// for sentences. The bar: at least 95% exact intent+slot matches, no false matches.
@Suite struct ParaphraseCorpusTests {
    struct Line: CustomTestStringConvertible, Sendable {
        let number: Int
        let intent: String
        let sentence: String
        let slots: [String: String]
        var testDescription: String { "positive.txt:\(number) \(sentence)" }
    }

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Corpus")

    static let positives: [Line] = {
        let text = (try? String(contentsOf: folder.appendingPathComponent("positive.txt"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { index, raw in
            let line = raw.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty, !line.hasPrefix("#") else { return nil }
            let parts = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 3 else { return Line(number: index + 1, intent: "malformed", sentence: line, slots: [:]) }
            var slots: [String: String] = [:]
            for pair in parts[2].split(separator: ";") {
                let kv = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                if kv.count == 2 { slots[kv[0]] = kv[1] }
            }
            return Line(number: index + 1, intent: parts[0], sentence: parts[1], slots: slots)
        }
    }()

    static let negatives: [String] = {
        let text = (try? String(contentsOf: folder.appendingPathComponent("negative.txt"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") && !$0.trimmingCharacters(in: .whitespaces).isEmpty }
    }()

    /// The demo network lets names break ties between readings, as they do for a real user.
    static func conversation() -> Conversation {
        CorpusCatalogue.conversation()
    }

    static func understood(_ line: Line, by conversation: Conversation) -> (intent: String?, slots: [String: String]) {
        guard let reading = conversation.reading(of: line.sentence) else { return (nil, [:]) }
        return (reading.intent, reading.slots.mapValues(\.rendered))
    }

    @Test func theCorpusIsLargeAndCoversEveryIntent() {
        #expect(Self.positives.count >= 400)
        #expect(Self.negatives.count >= 60)
        #expect(!Self.positives.contains { $0.intent == "malformed" })
        // The intents of spec section 4, every one of them in the corpus.
        let contractIntents: Set<String> = [
            "not_contacted", "contacted", "last_contact", "history", "person_info", "attribute", "find_people",
            "count", "reach_out", "closest", "birthdays", "connections", "path", "referrals", "reminders",
            "search_notes", "network_health", "help", "add_person", "log_interaction", "add_note",
            "set_attribute", "relate", "tag", "set_cadence", "remind", "complete_reminder", "forget", "merge", "undo",
        ]
        #expect(Set(Self.positives.map(\.intent)) == contractIntents)
        #expect(contractIntents.isSubset(of: Set(Catalogue.builtIn().intents.map(\.name))))
    }

    @Test func atLeast95PercentAreUnderstoodExactly() {
        let conversation = Self.conversation()
        var misses: [String] = []
        for line in Self.positives {
            let (intent, slots) = Self.understood(line, by: conversation)
            if intent != line.intent || slots != line.slots {
                misses.append("  \(line.testDescription)\n    expected \(line.intent) \(line.slots.sorted { $0.key < $1.key })"
                              + "\n    got      \(intent ?? "nothing") \(slots.sorted { $0.key < $1.key })")
            }
        }
        let rate = Double(Self.positives.count - misses.count) / Double(Self.positives.count)
        print("paraphrase corpus: \(Self.positives.count - misses.count)/\(Self.positives.count) exact intent+slot matches"
              + " (\(String(format: "%.1f", rate * 100))%)")
        if !misses.isEmpty { print("misses:\n" + misses.joined(separator: "\n")) }
        #expect(rate >= 0.95, "\(misses.count) misses")
    }

    @Test func noNegativeLineMatchesAnIntent() {
        let conversation = Self.conversation()
        var falseMatches: [String] = []
        for sentence in Self.negatives {
            if let reading = conversation.reading(of: sentence) {
                falseMatches.append("  \(sentence)  →  \(reading.intent) \(reading.slots.mapValues(\.rendered))")
            }
        }
        print("negative corpus: \(falseMatches.count)/\(Self.negatives.count) false matches"
              + " (\(String(format: "%.1f", Double(falseMatches.count) * 100 / Double(max(Self.negatives.count, 1))))%)")
        if !falseMatches.isEmpty { print(falseMatches.joined(separator: "\n")) }
        #expect(falseMatches.isEmpty)
    }
}
