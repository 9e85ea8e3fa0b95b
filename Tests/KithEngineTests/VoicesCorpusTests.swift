import Foundation
import Testing
@testable import KithEngine
import KithGraph
import KithLanguage

/// Lines written by people who never saw the templates, in five voices and one plain casual
/// one (Corpus/voices, written to Corpus/GUIDE.md), each labelled with the intent and slots a
/// careful reader hears, or `none` for a line Kith must refuse.
///
/// The first round's six files were split once, by position (scripts/split-voices-corpus.py):
/// each fifth labelled line is in `heldout/`, the rest in `dev/`; a second round of four writers
/// (after the first tuning) is all in `dev/`. Understanding is tuned on `dev/` only; `heldout/` is run as it is and prints only its
/// rates, never its lines, so nobody tunes on it by accident.
///
/// A line counts as understood when the whole pipeline — templates, then one slip per word, then
/// frames, then resolution against the demo network (names, a note's text, a reminder's person) —
/// gives exactly its intent and slots:
/// names as the resolved full names, free text and labels compared without case or accents.
@Suite struct VoicesCorpusTests {
    struct Line: CustomTestStringConvertible, Sendable {
        let file: String
        let number: Int
        let intent: String
        let sentence: String
        let slots: [String: String]
        var testDescription: String { "\(file):\(number) \(sentence)" }
    }

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Corpus").appendingPathComponent("voices")

    static func lines(in part: String) -> [Line] {
        let directory = folder.appendingPathComponent(part)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path))?.filter { $0.hasSuffix(".txt") }.sorted() ?? []
        return names.flatMap { name -> [Line] in
            let text = (try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)) ?? ""
            return text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { index, raw in
                let line = raw.trimmingCharacters(in: .whitespaces)
                guard !line.isEmpty, !line.hasPrefix("#") else { return nil }
                let parts = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
                guard parts.count == 3 else {
                    return Line(file: "\(part)/\(name)", number: index + 1, intent: "malformed", sentence: line, slots: [:])
                }
                var slots: [String: String] = [:]
                for pair in parts[2].split(separator: ";") {
                    let kv = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                    if kv.count == 2 { slots[kv[0]] = kv[1] }
                }
                return Line(file: "\(part)/\(name)", number: index + 1, intent: parts[0], sentence: parts[1], slots: slots)
            }
        }
    }

    static let dev = lines(in: "dev")
    static let heldout = lines(in: "heldout")

    static func conversation() -> Conversation { CorpusCatalogue.conversation() }

    /// What the pipeline made of a line: its intent (nil when refused) and slots in the corpus's
    /// terms.
    static func understood(_ sentence: String, by conversation: Conversation) -> (intent: String?, slots: [String: String]) {
        guard let reading = conversation.reading(of: sentence) else { return (nil, [:]) }
        if ProcessInfo.processInfo.environment["KITH_CORPUS_MISSES"] != nil {
            print("read \(sentence) → \(reading.intent) by \(reading.reader.rawValue) \(reading.typos) typos \(reading.template.file):\(reading.template.line)")
        }
        var slots = reading.slots.mapValues(\.rendered)
        if case .success(let request) = conversation.resolve(reading, question: sentence) {
            // As the store is changed or asked: the note's whole text, the reminder's person.
            slots = request.recognition.slots.mapValues(\.rendered)
            // Defaults are not what the line said; a person named in a reminder's text is.
            for (slot, note) in request.notes where note == "named in the text" { slots[slot] = request.slots[slot]?.rendered }
            for (slot, names) in request.resolvedNames { slots[slot] = names.joined(separator: ", ") }
        } else {
            // A line about someone new ("D. Smith is actually Diane") names the others as usual.
            for (slot, value) in reading.slots {
                let names = Conversation.names(in: value, slot: slot, catalogue: conversation.catalogue)
                let resolved = names.map { name -> String in
                    if case .person(let id) = conversation.namedPerson(name) { return conversation.graph.people[id]?.name ?? name }
                    return name
                }
                if !names.isEmpty { slots[slot] = resolved.joined(separator: ", ") }
            }
        }
        return (reading.intent, slots)
    }

    /// Slot values compared as a reader would: free text without case, accents or edge
    /// punctuation; tags by their singular.
    static func same(_ slot: String, _ expected: String, _ actual: String) -> Bool {
        func plain(_ text: String) -> String {
            fold(text).trimmingCharacters(in: .whitespaces.union(.punctuationCharacters))
        }
        if slot == "tag" { return Graph.tagKey(expected) == Graph.tagKey(actual) }
        if slot == "people" {
            return expected.split(separator: ",").map { plain(String($0)) } == actual.split(separator: ",").map { plain(String($0)) }
        }
        return plain(expected) == plain(actual)
    }

    static func matches(_ line: Line, _ result: (intent: String?, slots: [String: String])) -> Bool {
        if line.intent == "none" { return result.intent == nil }
        guard result.intent == line.intent, Set(result.slots.keys) == Set(line.slots.keys) else { return false }
        return line.slots.allSatisfy { slot, value in same(slot, value, result.slots[slot]!) }
    }

    struct Rates {
        var positives = 0, exact = 0, negatives = 0, falseReadings = 0, falseWrites = 0
        var rate: Double { Double(exact) / Double(max(positives, 1)) }
        var summary: String {
            "\(exact)/\(positives) exact (\(String(format: "%.1f", rate * 100))%), "
                + "\(falseReadings)/\(negatives) negatives read as an intent (\(falseWrites) of them as a change)"
        }
    }

    static func measure(_ lines: [Line], misses: inout [String]) -> Rates {
        let conversation = conversation()
        var rates = Rates()
        for line in lines {
            let result = understood(line.sentence, by: conversation)
            if line.intent == "none" {
                rates.negatives += 1
                if let intent = result.intent {
                    rates.falseReadings += 1
                    if Conversation.changingIntents.contains(intent) { rates.falseWrites += 1 }
                    misses.append("  \(line.testDescription)\n    expected nothing\n    got      \(intent) \(result.slots.sorted { $0.key < $1.key })")
                }
                continue
            }
            rates.positives += 1
            if matches(line, result) {
                rates.exact += 1
            } else {
                misses.append("  \(line.testDescription)\n    expected \(line.intent) \(line.slots.sorted { $0.key < $1.key })"
                              + "\n    got      \(result.intent ?? "nothing") \(result.slots.sorted { $0.key < $1.key })")
            }
        }
        return rates
    }

    @Test func theCorpusIsLargeAndSplit() {
        #expect(Self.dev.count + Self.heldout.count >= 1500)
        // The first round's fifth, never tuned on; the second round's writers are all dev.
        #expect(Self.heldout.count >= 350)
        #expect(!(Self.dev + Self.heldout).contains { $0.intent == "malformed" })
        #expect((Self.dev + Self.heldout).filter { $0.intent == "none" }.count >= 200)
    }

    /// The part understanding is tuned on: every miss is printed.
    @Test func devLines() {
        var misses: [String] = []
        let rates = Self.measure(Self.dev, misses: &misses)
        print("voices corpus, dev: \(rates.summary)")
        if !misses.isEmpty, ProcessInfo.processInfo.environment["KITH_CORPUS_MISSES"] != nil {
            print("misses:\n" + misses.joined(separator: "\n"))
        }
        #expect(rates.falseWrites == 0)
        #expect(rates.rate >= Self.devFloor, "\(rates.summary)")
    }

    /// The part nobody tunes on: only its rates are printed.
    @Test func heldoutLines() {
        var misses: [String] = []
        let rates = Self.measure(Self.heldout, misses: &misses)
        print("voices corpus, held out: \(rates.summary)")
        #expect(rates.falseWrites == 0)
        #expect(rates.rate >= Self.heldoutFloor, "\(rates.summary)")
    }

    /// The rates this code reached when it was committed: a drop below them fails (the issue's
    /// bar is 95% held out; docs/intents.md has the latest figures).
    static let devFloor = 0.865
    static let heldoutFloor = 0.74
}
